// The partner's retry policy as people edit and read it. Browser-safe: the form previews and
// validates with exactly what the server action enforces. The rules themselves (limits,
// backoff) live in lib/delivery/policy.ts; this file only adapts them to a form.
import { z } from "zod";
import { validateSchedule } from "@/lib/delivery/policy";

export const MIN_TIMEOUT_S = 1;
export const MAX_TIMEOUT_S = 30;

export const RetryPolicyInputSchema = z.object({
  retrySchedule: z.array(z.number()).superRefine((schedule, ctx) => {
    const problem = validateSchedule(schedule);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  timeoutSeconds: z
    .number({ error: "Timeout must be a number of seconds." })
    .int(`Timeout must be a whole number of seconds from ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S}.`)
    .min(MIN_TIMEOUT_S, `Timeout must be a whole number of seconds from ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S}.`)
    .max(MAX_TIMEOUT_S, `Timeout must be a whole number of seconds from ${MIN_TIMEOUT_S} to ${MAX_TIMEOUT_S}.`),
});
export type RetryPolicyInput = z.infer<typeof RetryPolicyInputSchema>;

/** "30, 120, 480" → [30, 120, 480]; anything that is not a list of numbers is named. */
export function parseScheduleText(text: string): { ok: true; schedule: number[] } | { ok: false; error: string } {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const schedule: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, error: `"${part}" is not a whole number of seconds. Separate delays with commas, e.g. 30, 120, 480.` };
    schedule.push(Number(part));
  }
  const problem = validateSchedule(schedule);
  return problem ? { ok: false, error: problem } : { ok: true, schedule };
}

/** 30 → "30 s", 120 → "2 min", 90 → "1 min 30 s", 5400 → "1 h 30 min". */
export function formatDelay(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 s";
}

/** The schedule in words, as the Settings page shows it: "30 s → 2 min → 8 min, then dead-letter". */
export function describeSchedule(schedule: readonly number[]): string {
  if (schedule.length === 0) return "No retries: dead-letter after the first failed attempt";
  return `${schedule.map(formatDelay).join(" → ")}, then dead-letter`;
}
