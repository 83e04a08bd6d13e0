// The seeds' delivery promises and how the SLA view measures and shows them. Browser-safe (no
// server imports): the SQL in lib/sla buckets latencies with the same rule as bucketOf below, and
// the Playwright test formats what it computes from the database with these very functions.

/** Status change to partner endpoint in under 90 s (the seeds: "< 60–90 s"). */
export const SLA_TARGET_MS = 90_000;
/** Event delivery reliability: > 99.5 % eventually delivered. */
export const EVENTUAL_TARGET = 0.995;
/** The percentiles shown, as percentile_disc fractions (nearest rank: always a measured value). */
export const SLA_PERCENTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;

export const SLA_RANGES = ["24h", "7d", "30d"] as const;
export type SlaRange = (typeof SLA_RANGES)[number];
export const SLA_RANGE_LABEL: Record<SlaRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };
export const isSlaRange = (v: unknown): v is SlaRange => typeof v === "string" && (SLA_RANGES as readonly string[]).includes(v);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A range's window in whole periods, so it is read from the rollup without a partial period:
 * 24 h is the current hour and the 23 before it (hourly rows); 7 d and 30 d are today and the
 * 6 or 29 days before it, UTC (daily rows).
 */
export function slaWindow(range: SlaRange, now: Date): { grain: "hour" | "day"; from: Date; periods: number; periodMs: number } {
  if (range === "24h") {
    const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    return { grain: "hour", from: new Date(hour - 23 * HOUR_MS), periods: 24, periodMs: HOUR_MS };
  }
  const days = range === "7d" ? 7 : 30;
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return { grain: "day", from: new Date(day - (days - 1) * DAY_MS), periods: days, periodMs: DAY_MS };
}

/** The largest latency the rollup distinguishes (its column is a 32-bit integer): about 23 days. */
export const MAX_BUCKET_MS = 2_000_000_000;

/**
 * A latency floored to 2 significant digits (87 → 87, 345 → 340, 12 345 → 12 000): what the
 * rollup stores and the most the view shows. Flooring is monotone, so the nearest-rank
 * percentile of the buckets is the bucket of the percentile of the raw values.
 */
export function bucketOf(ms: number): number {
  const v = Math.min(MAX_BUCKET_MS, Math.max(0, Math.floor(ms)));
  if (v < 100) return v;
  const step = 10 ** (String(v).length - 2);
  return Math.floor(v / step) * step;
}

/** The same rule in SQL, for an expression giving whole milliseconds (bigint). */
export const bucketSql = (ms: string) =>
  `(CASE WHEN ${ms} < 100 THEN greatest(${ms}, 0) ELSE (least(${ms}, ${MAX_BUCKET_MS}) / (10 ^ (length(least(${ms}, ${MAX_BUCKET_MS})::text) - 2))::bigint) * (10 ^ (length(least(${ms}, ${MAX_BUCKET_MS})::text) - 2))::bigint END)::int`;

/** A latency as the view shows it, from its bucket: "87 ms", "1.2 s", "12 s", "2.2 min", "1.5 h". */
export function formatSlaLatency(ms: number | null): string {
  if (ms === null) return "—";
  const b = bucketOf(ms);
  if (b < 1000) return `${b} ms`;
  if (b < 100_000) return `${trim(b / 1000)} s`;
  if (b < HOUR_MS) return `${trim(b / 60_000)} min`;
  if (b < DAY_MS) return `${trim(b / HOUR_MS)} h`;
  return `${trim(b / DAY_MS)} d`;
}
const trim = (v: number) => (v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, ""));

/** A share floored to 2 decimals ("99.52 %"): 100 % only when nothing missed. "—" with nothing to count. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return "—";
  return `${(Math.floor((part * 10_000) / whole) / 100).toFixed(2)} %`;
}

/** Attempts per delivered event, 2 decimals ("1.04"). */
export function formatAttemptsPer(attempts: number, delivered: number): string {
  return delivered > 0 ? (attempts / delivered).toFixed(2) : "—";
}

/** How long the oldest open dead-letter has waited, coarse on purpose ("3 d", "5 h", "12 min"). */
export function formatAge(ms: number | null): string {
  if (ms === null) return "—";
  if (ms >= 2 * DAY_MS) return `${Math.floor(ms / DAY_MS)} d`;
  if (ms >= 2 * HOUR_MS) return `${Math.floor(ms / HOUR_MS)} h`;
  return `${Math.max(0, Math.floor(ms / 60_000))} min`;
}
