// lib/sla owns the delivery promise: targets, the SlaRollup refresh and the SLA report.
import "server-only";
import { sql } from "@/lib/db/sql";
import { ensureSlaFresh } from "@/lib/sla/refresh";
import { SLA_PERCENTILES, slaWindow, type SlaRange } from "@/lib/sla/targets";

// The SLA view's figures, per partner and overall, for one range: read from SlaRollup (a few
// rows per partner, period and latency bucket) plus the open dead-letters, which are live.
//
// Definitions (the same words are on the page):
// - deliveries: one per event and endpoint, counted in the period its successful attempt started;
// - latency: the event's occurred_at → that attempt's answer (start + response time);
// - p50/p95/p99: nearest rank (percentile_disc), floored to 2 significant digits;
// - within 90 s: delivered within 90 s ÷ (delivered + dead-lettered in the window and still open);
// - eventually delivered: delivered ÷ (delivered + dead-lettered in the window and still open);
//   deliveries still being retried are in neither until they settle;
// - attempts per delivered event: the attempts those deliveries took ÷ delivered.

export type SlaFigures = {
  delivered: number;
  withinTarget: number;
  attempts: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Dead-lettered within the window and still open (not retried successfully). */
  deadLetteredInWindow: number;
  /** Every open dead-letter, whenever it happened, and the oldest one's time. */
  deadLettersOpen: number;
  oldestDeadLetterAt: string | null;
};
export type SlaPoint = { start: string; delivered: number; withinTarget: number; deadLettered: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };
export type SlaPartnerRow = SlaFigures & { partnerId: string; name: string; tier: string };
export type SlaReport = { range: SlaRange; grain: "hour" | "day"; from: string; to: string; overall: SlaFigures; partners: SlaPartnerRow[]; series: SlaPoint[] };

type BucketRow = { key: string | null; delivered: number; within: number; attempts: number; p50: number | null; p95: number | null; p99: number | null };
type DeadRow = { partner_id: string; period: string | null; n: number; oldest: string };

const ts = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;
/** A "timestamp without time zone" (UTC, as Prisma stores it) read back as text: no time-zone guessing by the driver. */
const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

/**
 * Percentiles from bucket counts, exactly as percentile_disc picks them: the first bucket whose
 * running count reaches ceil(fraction × total) (float8, like Postgres). `key` is the group: a
 * partner, a period, or null for all. Counts stay integers (bigint running sums, not numeric).
 */
const pct = (q: number) => `min(bucket) FILTER (WHERE cum >= greatest(1, ceil(${q}::float8 * total)))`;
const percentilesFrom = (grouped: string, keyOut = "key") => `
  c AS (
    SELECT key, bucket, n, w, a, sum(n) OVER (PARTITION BY key ORDER BY bucket) AS cum, sum(n) OVER (PARTITION BY key) AS total FROM (${grouped}) g
  )
  SELECT ${keyOut} AS key, sum(n)::int AS delivered, sum(w)::int AS within, sum(a)::int AS attempts,
         ${pct(SLA_PERCENTILES.p50)} AS p50, ${pct(SLA_PERCENTILES.p95)} AS p95, ${pct(SLA_PERCENTILES.p99)} AS p99
    FROM c GROUP BY key`;

export const BY_PARTNER_SQL = `
WITH ${percentilesFrom(`
  SELECT CASE WHEN GROUPING("partnerId") = 1 THEN NULL ELSE "partnerId" END AS key, "bucketMs" AS bucket,
         sum(delivered)::int AS n, sum("withinTarget")::int AS w, sum(attempts)::int AS a
    FROM "SlaRollup" WHERE grain = $1::"SlaGrain" AND "periodStart" >= ${ts("$2")} AND ($3::text IS NULL OR "partnerId" = $3)
   GROUP BY GROUPING SETS (("partnerId", "bucketMs"), ("bucketMs"))`)}`;

export const BY_PERIOD_SQL = `
WITH ${percentilesFrom(`
  SELECT "periodStart" AS key, "bucketMs" AS bucket, sum(delivered)::int AS n, sum("withinTarget")::int AS w, sum(attempts)::int AS a
    FROM "SlaRollup" WHERE grain = $1::"SlaGrain" AND "periodStart" >= ${ts("$2")} AND ($3::text IS NULL OR "partnerId" = $3)
   GROUP BY 1, 2`, "key::text")}`;

// Open dead-letters per partner, those in the window by period: through the (partnerId, status)
// index, one partner at a time (there is no index on status alone, and none is needed).
export const DEAD_SQL = `
SELECT p.id AS partner_id, (CASE WHEN d."deadLetteredAt" >= ${ts("$2")} THEN date_trunc($1, d."deadLetteredAt") END)::text AS period,
       count(*)::int AS n, min(d."deadLetteredAt")::text AS oldest
  FROM "Partner" p
  JOIN LATERAL (SELECT "deadLetteredAt" FROM "Delivery" x WHERE x."partnerId" = p.id AND x.status = 'dead_lettered') d ON true
 WHERE $3::text IS NULL OR p.id = $3
 GROUP BY 1, 2`;

const EMPTY: SlaFigures = { delivered: 0, withinTarget: 0, attempts: 0, p50Ms: null, p95Ms: null, p99Ms: null, deadLetteredInWindow: 0, deadLettersOpen: 0, oldestDeadLetterAt: null };

const figures = (b: BucketRow | undefined): SlaFigures => ({
  ...EMPTY,
  ...(b ? { delivered: b.delivered, withinTarget: b.within, attempts: b.attempts, p50Ms: b.p50, p95Ms: b.p95, p99Ms: b.p99 } : {}),
});

function addDead(f: SlaFigures, rows: DeadRow[]) {
  for (const r of rows) {
    f.deadLettersOpen += r.n;
    if (r.period !== null) f.deadLetteredInWindow += r.n;
    const oldest = utc(r.oldest).toISOString();
    if (!f.oldestDeadLetterAt || oldest < f.oldestDeadLetterAt) f.oldestDeadLetterAt = oldest;
  }
}

/** The report for support (every partner, and overall) or for one partner (`partnerId`). */
export async function getSlaReport(opts: { range: SlaRange; partnerId?: string; now?: Date; refresh?: boolean }): Promise<SlaReport> {
  const now = opts.now ?? new Date();
  if (opts.refresh !== false) await ensureSlaFresh(now);
  const w = slaWindow(opts.range, now);
  const params = [w.grain, w.from.toISOString(), opts.partnerId ?? null];
  const [byPartner, byPeriod, dead, partners] = await Promise.all([
    sql().query<BucketRow>(BY_PARTNER_SQL, params),
    sql().query<BucketRow>(BY_PERIOD_SQL, params),
    sql().query<DeadRow>(DEAD_SQL, params),
    sql().query<{ id: string; name: string; tier: string }>(`SELECT id, name, tier::text FROM "Partner" WHERE $1::text IS NULL OR id = $1 ORDER BY name`, [opts.partnerId ?? null]),
  ]);

  const overall = figures(byPartner.find((r) => r.key === null));
  addDead(overall, dead);
  const rows: SlaPartnerRow[] = partners.map((p) => {
    const f = figures(byPartner.find((r) => r.key === p.id));
    addDead(f, dead.filter((d) => d.partner_id === p.id));
    return { partnerId: p.id, name: p.name, tier: p.tier, ...f };
  });

  const deadByPeriod = new Map<number, number>();
  for (const d of dead) if (d.period !== null) deadByPeriod.set(utc(d.period).getTime(), (deadByPeriod.get(utc(d.period).getTime()) ?? 0) + d.n);
  const periods = new Map(byPeriod.map((r) => [utc(r.key!).getTime(), r]));
  const series: SlaPoint[] = Array.from({ length: w.periods }, (_, i) => {
    const start = w.from.getTime() + i * w.periodMs;
    const b = periods.get(start);
    return { start: new Date(start).toISOString(), delivered: b?.delivered ?? 0, withinTarget: b?.within ?? 0, deadLettered: deadByPeriod.get(start) ?? 0, p50Ms: b?.p50 ?? null, p95Ms: b?.p95 ?? null, p99Ms: b?.p99 ?? null };
  });

  return { range: opts.range, grain: w.grain, from: w.from.toISOString(), to: now.toISOString(), overall, partners: rows, series };
}
