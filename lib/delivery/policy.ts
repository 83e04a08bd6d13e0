// Retry policy: the first attempt at once, then one retry after each delay of the schedule.
// After the last failure the delivery is dead-lettered (kept, shown, retryable by hand).

export const DEFAULT_RETRY_SCHEDULE_S = [30, 120, 480] as const;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_RETRY_DELAY_S = 24 * 60 * 60;
export const MAX_RETRIES = 10;

export type RetryDecision = { kind: "retry"; delaySeconds: number; at: Date } | { kind: "dead_letter" };

/** After `attemptsMade` failed automatic attempts, what happens next. */
export function decideAfterFailure(schedule: readonly number[], attemptsMade: number, now = new Date()): RetryDecision {
  const delay = schedule[attemptsMade - 1];
  if (delay === undefined) return { kind: "dead_letter" };
  return { kind: "retry", delaySeconds: delay, at: new Date(now.getTime() + delay * 1000) };
}

export const maxAttempts = (schedule: readonly number[]) => schedule.length + 1;

/** A schedule a partner may configure: 0–10 retries, each 1 s to 24 h, not decreasing. */
export function validateSchedule(schedule: readonly number[]): string | null {
  if (schedule.length > MAX_RETRIES) return `At most ${MAX_RETRIES} retries.`;
  for (const [i, s] of schedule.entries()) {
    if (!Number.isInteger(s) || s < 1 || s > MAX_RETRY_DELAY_S) return `Retry ${i + 1}: delay must be a whole number of seconds from 1 to ${MAX_RETRY_DELAY_S}.`;
    if (i > 0 && s < schedule[i - 1]!) return `Retry ${i + 1}: delays must not get shorter (backoff).`;
  }
  return null;
}
