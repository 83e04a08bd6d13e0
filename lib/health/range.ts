// The two windows the Overview offers. Browser-safe: the page, the API route and the
// TanStack Query factory all read the same definitions.
import { parseAsStringLiteral } from "nuqs/server";

export const HEALTH_RANGES = ["24h", "7d"] as const;
export type HealthRange = (typeof HEALTH_RANGES)[number];

// Hourly bars for a day, 6-hour bars for a week: 25–29 bars either way, which stays readable
// in a card and keeps the series query to a few hundred rows.
export const RANGE_SPECS: Record<HealthRange, { seconds: number; bucketSeconds: number; label: string; short: string }> = {
  "24h": { seconds: 86_400, bucketSeconds: 3_600, label: "Last 24 hours", short: "24 h" },
  "7d": { seconds: 7 * 86_400, bucketSeconds: 6 * 3_600, label: "Last 7 days", short: "7 d" },
};

/** `?range=24h|7d` in the URL (nuqs); shared by the server page and the client toggle. */
export const healthRangeParser = parseAsStringLiteral(HEALTH_RANGES).withDefault("24h");

/**
 * Exactly the last 24 h / 7 d up to `now`, in buckets aligned to the Unix epoch (UTC). The
 * first and last buckets are partial, so there is one more bar than the range holds; the
 * bars add up exactly to the summary figures computed over the same window.
 */
export function rangeWindow(range: HealthRange, now: Date): { from: Date; to: Date; bucketStarts: number[] } {
  const { seconds, bucketSeconds } = RANGE_SPECS[range];
  const size = bucketSeconds * 1000;
  const from = new Date(now.getTime() - seconds * 1000);
  const first = Math.floor(from.getTime() / size) * size;
  const count = seconds / bucketSeconds + 1;
  return { from, to: now, bucketStarts: Array.from({ length: count }, (_, i) => first + i * size) };
}
