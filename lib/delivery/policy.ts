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

/**
 * After a failed attempt whose receiver asked to wait (429/503 with Retry-After, in seconds): the
 * schedule's decision, its delay lengthened to at least what the receiver asked, but never past
 * the dead-letter horizon (the sum of the remaining delays: when the policy's last attempt would
 * come). The number of attempts is the policy's: a throttling receiver's delay costs no extra one.
 */
export function decideAfterThrottle(schedule: readonly number[], attemptsMade: number, retryAfterSeconds: number, now = new Date()): RetryDecision {
  const decision = decideAfterFailure(schedule, attemptsMade, now);
  if (decision.kind === "dead_letter") return decision;
  const horizon = schedule.slice(attemptsMade - 1).reduce((sum, s) => sum + s, 0);
  const delaySeconds = Math.min(horizon, Math.max(decision.delaySeconds, Math.ceil(retryAfterSeconds)));
  return { kind: "retry", delaySeconds, at: new Date(now.getTime() + delaySeconds * 1000) };
}

/** Retry-After of a 429 or 503 answer in seconds (delay-seconds or an HTTP-date), or null. */
export function retryAfterSeconds(statusCode: number | null, headers: Record<string, string> | undefined, now = new Date()): number | null {
  if (statusCode !== 429 && statusCode !== 503) return null;
  const raw = headers?.["retry-after"]?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return Math.min(Number(raw), MAX_RETRY_DELAY_S);
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_DELAY_S, Math.max(0, Math.ceil((at - now.getTime()) / 1000)));
}

/** A schedule a partner may configure: 0–10 retries, each 1 s to 24 h, not decreasing. */
export function validateSchedule(schedule: readonly number[]): string | null {
  if (schedule.length > MAX_RETRIES) return `At most ${MAX_RETRIES} retries.`;
  for (const [i, s] of schedule.entries()) {
    if (!Number.isInteger(s) || s < 1 || s > MAX_RETRY_DELAY_S) return `Retry ${i + 1}: delay must be a whole number of seconds from 1 to ${MAX_RETRY_DELAY_S}.`;
    if (i > 0 && s < schedule[i - 1]!) return `Retry ${i + 1}: delays must not get shorter (backoff).`;
  }
  return null;
}
