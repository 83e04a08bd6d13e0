// lib/sunset owns the end of webhook payload v1: the rules, the headers, the notices.

// Webhook payload v1's end of support, as rules with the clock passed in (tests fix it). Browser-
// safe; the date itself is configured (V1_SUNSET_DATE, lib/sunset/v1.ts reads it).
//
// Before the date, v1 stays choosable and every v1 delivery says when it ends (Deprecation, RFC
// 9745; Sunset, RFC 8594). From the date on, no endpoint can newly choose v1; endpoints already
// on it keep receiving it, still with both headers.

/** When v2 shipped and v1 became deprecated (12 months before the default sunset). */
export const V1_DEPRECATED_ON = "2026-11-30";
/** Notices to partners still on v1, days before the date. */
export const SUNSET_MILESTONES = [90, 30, 7] as const;

const DAY_MS = 86_400_000;

/** The instant v1 ends: the start (00:00 UTC) of the configured date. */
export const sunsetInstant = (date: string) => new Date(`${date}T00:00:00Z`);

export const isV1Choosable = (now: Date, sunsetDate: string) => now.getTime() < sunsetInstant(sunsetDate).getTime();

/** Whole days until the date, rounded up (1 on its eve, 0 from the date on). */
export const daysUntilSunset = (now: Date, sunsetDate: string) => Math.max(0, Math.ceil((sunsetInstant(sunsetDate).getTime() - now.getTime()) / DAY_MS));

/**
 * The notice due now, if any: the closest milestone already reached (90, 30 or 7 days), unless
 * that one or a closer one was sent. A partner who moves to v1 late gets only the latest notice.
 */
export function dueSunsetMilestone(now: Date, sunsetDate: string, sent: readonly number[]): number | null {
  const left = daysUntilSunset(now, sunsetDate);
  if (left <= 0) return null;
  const reached = SUNSET_MILESTONES.filter((m) => left <= m);
  if (reached.length === 0) return null;
  const closest = Math.min(...reached);
  return sent.some((m) => m <= closest) ? null : closest;
}

/** RFC 9745 `Deprecation: @<unix seconds>` and RFC 8594 `Sunset: <HTTP-date>`, for every v1 delivery. */
export function v1DeprecationHeaders(sunsetDate: string): { deprecation: string; sunset: string } {
  return {
    deprecation: `@${Math.floor(sunsetInstant(V1_DEPRECATED_ON).getTime() / 1000)}`,
    sunset: sunsetInstant(sunsetDate).toUTCString(),
  };
}

/** "30 Nov 2027" */
export const formatSunsetDate = (date: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(sunsetInstant(date));
