// lib/health owns endpoint health figures (success rate, latency, failure streaks) for the Overview and the API.
import "server-only";
import { db } from "@/lib/db/client";
import { RANGE_SPECS, rangeWindow, type HealthRange } from "@/lib/health/range";
import type { EndpointHealth, HealthBucket, HealthReport, HealthStats } from "@/lib/health/api-shape";
import { queryAttemptFigures, queryDeadLettered, type LastErrorRow, type SeriesRow, type SummaryRow } from "@/lib/health/queries";

/**
 * Endpoint health for one partner over the last 24 h or 7 d: the numbers behind the Overview
 * page and GET /api/v1/health. Test sends are never counted (see queries.ts).
 */
export async function getHealthReport(partnerId: string, range: HealthRange, now = new Date()): Promise<HealthReport> {
  const { from, to, bucketStarts } = rangeWindow(range, now);
  const bucketSeconds = RANGE_SPECS[range].bucketSeconds;
  const endpoints = await db.endpoint.findMany({
    where: { partnerId },
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, enabled: true, disabledReason: true },
  });
  // A partner without endpoints has nothing to measure: skip the scans on the hot page.
  const [{ summary, series, last_errors: lastErrors, streaks, throttled }, deadLettered] = endpoints.length
    ? await Promise.all([queryAttemptFigures({ partnerId, from, to, bucketSeconds }), queryDeadLettered({ partnerId, from, to })])
    : [{ summary: [], series: [], last_errors: [], streaks: [], throttled: [] }, new Map<string, number>()];

  const streakOf = new Map(streaks.map((s) => [s.endpoint_id, s.failures]));
  const throttledOf = new Map(throttled.map((t) => [t.endpoint_id, { answers: t.answers, since: new Date(t.since_ms).toISOString(), last_at: new Date(t.last_ms).toISOString() }]));
  const perEndpoint: EndpointHealth[] = endpoints.map((e) => ({
    endpoint_id: e.id,
    url: e.url,
    description: e.description,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    throttled: throttledOf.get(e.id) ?? null,
    ...stats(
      summary.find((s) => s.endpoint_id === e.id),
      fillSeries(bucketStarts, series.filter((s) => s.endpoint_id === e.id)),
      lastErrors.find((l) => l.endpoint_id === e.id) ?? null,
      deadLettered.get(e.id) ?? 0,
      streakOf.get(e.id) ?? 0,
    ),
  }));

  const newestError = lastErrors.reduce<LastErrorRow | null>((a, b) => (a && a.at_ms >= b.at_ms ? a : b), null);
  const overall = stats(
    summary.find((s) => s.endpoint_id === null),
    fillSeries(bucketStarts, series),
    newestError,
    perEndpoint.reduce((sum, e) => sum + e.dead_lettered, 0),
    // Overall, the worst endpoint's streak: one dead endpoint must not hide behind healthy ones.
    Math.max(0, ...perEndpoint.map((e) => e.consecutive_failures)),
  );

  return {
    range,
    from: from.toISOString(),
    to: to.toISOString(),
    bucket_seconds: bucketSeconds,
    generated_at: now.toISOString(),
    overall,
    endpoints: perEndpoint,
  };
}

function stats(summary: SummaryRow | undefined, series: HealthBucket[], lastError: LastErrorRow | null, deadLettered: number, streak: number): HealthStats {
  const attempts = summary?.attempts ?? 0;
  const delivered = summary?.delivered ?? 0;
  return {
    attempts,
    delivered,
    failed: attempts - delivered,
    success_rate: attempts ? delivered / attempts : null,
    // Tenths of a millisecond: percentile_cont's interpolation yields 17-digit floats that
    // do not survive a jsonb round trip (support bundles store this report) unchanged.
    p95_latency_ms: summary?.p95 == null ? null : Math.round(summary.p95 * 10) / 10,
    dead_lettered: deadLettered,
    consecutive_failures: streak,
    last_error: lastError
      ? {
          at: new Date(lastError.at_ms).toISOString(),
          endpoint_id: lastError.endpoint_id,
          status_code: lastError.status_code,
          message: lastError.error_message ?? (lastError.status_code ? `HTTP ${lastError.status_code}` : "Failed"),
        }
      : null,
    series,
  };
}

/** One entry per bucket of the window, zeros where nothing happened (sums several endpoints). */
function fillSeries(bucketStarts: number[], rows: SeriesRow[]): HealthBucket[] {
  const byBucket = new Map<number, { delivered: number; failed: number }>();
  for (const row of rows) {
    const slot = byBucket.get(row.bucket_ms) ?? { delivered: 0, failed: 0 };
    slot.delivered += row.delivered;
    slot.failed += row.failed;
    byBucket.set(row.bucket_ms, slot);
  }
  return bucketStarts.map((start) => ({ start: new Date(start).toISOString(), ...(byBucket.get(start) ?? { delivered: 0, failed: 0 }) }));
}
