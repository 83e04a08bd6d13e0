import "server-only";
import { db } from "@/lib/db/client";

// The SQL behind the health report. Every attempt records its endpoint, so attempts are read
// through the (endpointId, startedAt) index for the partner's endpoints; test sends carry an
// endpoint too and are left out by `trigger <> 'test'`.

// The failure streak looks back this far whatever the chosen range (it is "now" information).
// An endpoint failing for longer has been auto-disabled and dead-letters everything anyway;
// the bound lets one scan of the last 7 days answer every figure.
export const STREAK_LOOKBACK_MS = 7 * 86_400_000;

export type SummaryRow = { endpoint_id: string | null; attempts: number; delivered: number; p95: number | null };
export type SeriesRow = { endpoint_id: string; bucket_ms: number; delivered: number; failed: number };
export type LastErrorRow = { endpoint_id: string; at_ms: number; status_code: number | null; error_message: string | null };
export type StreakRow = { endpoint_id: string; failures: number };
export type ThrottledRow = { endpoint_id: string; answers: number; since_ms: number; last_ms: number };
export type AttemptFigures = { summary: SummaryRow[]; series: SeriesRow[]; last_errors: LastErrorRow[]; streaks: StreakRow[]; throttled: ThrottledRow[] };

/** "Throttled by the receiver" looks at this much of the recent past: 429/503 answers in it. */
export const THROTTLED_LOOKBACK_MS = 15 * 60_000;

/**
 * Every attempt-based figure in one statement, from one scan of the partner's recent attempts:
 * per endpoint and in total (GROUPING SETS) the attempts, successes and p95 latency
 * (percentile_cont, linear interpolation); delivered/failed per date_bin bucket (epoch-aligned,
 * UTC); the newest failure; and the failures since each endpoint's newest success.
 */
export async function queryAttemptFigures(input: { partnerId: string; from: Date; to: Date; bucketSeconds: number }): Promise<AttemptFigures> {
  const { partnerId, from, to, bucketSeconds } = input;
  const lookback = new Date(Math.min(from.getTime(), to.getTime() - STREAK_LOOKBACK_MS));
  const throttledFrom = new Date(to.getTime() - THROTTLED_LOOKBACK_MS);
  const [row] = await db.$queryRaw<AttemptFigures[]>`
    WITH recent AS MATERIALIZED (
      SELECT a."endpointId" AS endpoint_id, a."startedAt" AS started_at, a.success,
             a."latencyMs" AS latency_ms, a."statusCode" AS status_code, a."errorMessage" AS error_message
        FROM "DeliveryAttempt" a
       WHERE a."endpointId" IN (SELECT id FROM "Endpoint" WHERE "partnerId" = ${partnerId})
         AND a.trigger <> 'test'
         AND a."startedAt" >= ${lookback} AND a."startedAt" <= ${to}
    ), win AS (
      SELECT * FROM recent WHERE started_at >= ${from}
    ), summary AS (
      SELECT CASE WHEN GROUPING(endpoint_id) = 1 THEN NULL ELSE endpoint_id END AS endpoint_id,
             count(*)::int AS attempts,
             (count(*) FILTER (WHERE success))::int AS delivered,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95
        FROM win GROUP BY GROUPING SETS ((endpoint_id), ())
    ), series AS (
      SELECT endpoint_id,
             (extract(epoch FROM date_bin(make_interval(secs => ${bucketSeconds}::int), started_at, TIMESTAMP '1970-01-01')) * 1000)::float8 AS bucket_ms,
             (count(*) FILTER (WHERE success))::int AS delivered,
             (count(*) FILTER (WHERE NOT success))::int AS failed
        FROM win GROUP BY 1, 2
    ), last_errors AS (
      SELECT DISTINCT ON (endpoint_id) endpoint_id, (extract(epoch FROM started_at) * 1000)::float8 AS at_ms, status_code, error_message
        FROM win WHERE NOT success ORDER BY endpoint_id, started_at DESC
    ), last_ok AS (
      SELECT endpoint_id, max(started_at) AS at FROM recent WHERE success GROUP BY endpoint_id
    ), streaks AS (
      SELECT r.endpoint_id, count(*)::int AS failures
        FROM recent r LEFT JOIN last_ok l ON l.endpoint_id = r.endpoint_id
       WHERE NOT r.success AND (l.at IS NULL OR r.started_at > l.at)
       GROUP BY r.endpoint_id
    ), throttled AS (
      SELECT endpoint_id, count(*)::int AS answers,
             (extract(epoch FROM min(started_at)) * 1000)::float8 AS since_ms, (extract(epoch FROM max(started_at)) * 1000)::float8 AS last_ms
        FROM recent WHERE status_code IN (429, 503) AND started_at >= ${throttledFrom}
       GROUP BY endpoint_id
    )
    SELECT (SELECT coalesce(json_agg(summary), '[]') FROM summary) AS summary,
           (SELECT coalesce(json_agg(series), '[]') FROM series) AS series,
           (SELECT coalesce(json_agg(last_errors), '[]') FROM last_errors) AS last_errors,
           (SELECT coalesce(json_agg(streaks), '[]') FROM streaks) AS streaks,
           (SELECT coalesce(json_agg(throttled), '[]') FROM throttled) AS throttled`;
  return row!;
}

/** Deliveries dead-lettered within the window and not retried successfully since (indexed). */
export async function queryDeadLettered(input: { partnerId: string; from: Date; to: Date }): Promise<Map<string, number>> {
  const rows = await db.delivery.groupBy({
    by: ["endpointId"],
    where: { partnerId: input.partnerId, status: "dead_lettered", deadLetteredAt: { gte: input.from, lte: input.to } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.endpointId, r._count._all]));
}
