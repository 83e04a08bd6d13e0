import "server-only";
import { sqlTransaction, type Sql } from "@/lib/db/sql";
import { eachPaced, unpaced, type Pace } from "@/lib/jobs/pace";
import { logger } from "@/lib/logger";
import { bucketSql, SLA_TARGET_MS } from "@/lib/sla/targets";

// Keeps SlaRollup current, incrementally. Deliveries are counted in the period their successful
// attempt started, so a period never changes once it is over (a late success, even a manual retry
// of a month-old dead-letter, lands in the current hour). Each partner's state holds a watermark,
// countedUntil: its attempts started before it are in its settled rows, each counted once. A
// refresh adds the attempts started since then and until SETTLE_MS ago to the settled rows (both
// grains), moves the watermark there, and replaces the provisional rows with the last SETTLE_MS's
// attempts, which may still be being recorded. So a refresh reads each attempt once when it
// settles plus the last SETTLE_MS's, whatever the traffic (it used to re-read two hours). A partner
// seen for the first time (after the migration, or created since) is backfilled from its raw
// history once. Hour rows are kept HOUR_RETENTION_HOURS (the 24 h view needs them); day rows
// DAY_RETENTION_DAYS.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * An attempt this old is settled: its record is written (the recorder writes within seconds,
 * retrying through a database restart). One recorded later than this after it started (a database
 * outage longer than this) is not counted.
 */
export const SETTLE_MS = 10 * 60_000;
export const HOUR_RETENTION_HOURS = 49;
export const BACKFILL_DAYS = 31;
export const DAY_RETENTION_DAYS = 400;

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const iso = (t: number) => new Date(t).toISOString();
const ts = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

const JOINS = `JOIN "Delivery" d ON d.id = a."deliveryId" AND d.status = 'delivered' JOIN "OrderEvent" e ON e.id = d."eventId"`;
// Each attempt's delivery and event by primary key: for a few minutes' attempts the planner
// otherwise hashes the whole Delivery table (LIMIT 1 keeps it from flattening the lookups into
// that join), a cost that grows with history instead of traffic. A backfill's range is better hashed.
const BY_KEY_JOINS = `
    CROSS JOIN LATERAL (SELECT y."attemptCount", y."eventId" FROM "Delivery" y WHERE y.id = a."deliveryId" AND y.status = 'delivered' LIMIT 1) d
    CROSS JOIN LATERAL (SELECT z."occurredAt" FROM "OrderEvent" z WHERE z.id = d."eventId" LIMIT 1) e`;

/**
 * Successful delivery attempts started since $1 (and before $4, when given), for the partners in
 * $2 (every partner when null) and the endpoint $5 only (when given), grouped by partner, grain
 * (each of $6), period and latency bucket, provisional when started at or after $3; added to the
 * rows already there (so endpoints can be rolled up one at a time, and settled counts accumulate).
 * Walks each endpoint's attempts through the (endpointId, startedAt) index: no global scan.
 */
const rawRollupSql = (few: boolean) => `
WITH ok AS (
  SELECT en."partnerId" AS partner_id, a."startedAt" AS started_at, a."startedAt" >= ${ts("$3")} AS provisional, d."attemptCount" AS attempts,
         floor(extract(epoch FROM a."startedAt" - e."occurredAt") * 1000)::bigint + a."latencyMs" AS ms
    FROM "Endpoint" en
    CROSS JOIN LATERAL (
      SELECT x."deliveryId", x."startedAt", x."latencyMs" FROM "DeliveryAttempt" x
       WHERE x."endpointId" = en.id AND x."startedAt" >= ${ts("$1")} AND ($4::timestamptz IS NULL OR x."startedAt" < ${ts("$4")}) AND x.success AND x."deliveryId" IS NOT NULL
    ) a
    ${few ? BY_KEY_JOINS : JOINS}
   WHERE ($2::text[] IS NULL OR en."partnerId" = ANY ($2::text[]))
     AND ($5::text IS NULL OR en.id = $5::text)
)
INSERT INTO "SlaRollup" AS r ("partnerId", grain, "periodStart", "bucketMs", provisional, delivered, "withinTarget", attempts)
SELECT partner_id, g.grain, date_trunc(g.grain::text, started_at), ${bucketSql("ms")}, provisional,
       count(*)::int, (count(*) FILTER (WHERE ms <= ${SLA_TARGET_MS}))::int, sum(attempts)::int
  FROM ok CROSS JOIN unnest($6::"SlaGrain"[]) AS g(grain)
 GROUP BY 1, 2, 3, 4, 5
ON CONFLICT ("partnerId", grain, "periodStart", "bucketMs", provisional) DO UPDATE
   SET delivered = r.delivered + excluded.delivered, "withinTarget" = r."withinTarget" + excluded."withinTarget", attempts = r.attempts + excluded.attempts`;

const BACKFILL_SQL = rawRollupSql(false);
const INCREMENT_SQL = rawRollupSql(true);

type RollupRange = { from: number; settledBefore: number; until: number | null; partners?: string[]; endpointId?: string; grains: ("hour" | "day")[] };
const rollUp = (sql: Sql, text: string, r: RollupRange) =>
  sql.query(text, [iso(r.from), r.partners ?? null, iso(r.settledBefore), r.until === null ? null : iso(r.until), r.endpointId ?? null, r.grains]);

export type RefreshResult = { backfilledPartners: number; ms: number };

/**
 * One refresh, in one transaction under an advisory lock: concurrent refreshers (several app
 * processes, a page and the monitor loop) wait for each other instead of writing the same rows,
 * and a watermark moves only with the counts it stands for.
 */
export async function refreshSlaRollup(now = new Date(), pace: Pace = unpaced): Promise<RefreshResult> {
  const started = performance.now();
  const settledBefore = now.getTime() - SETTLE_MS;
  const backfilled = await sqlTransaction(async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext('waypoint_sla_rollup'))`);
    const fresh = await backfillNewPartners(sql, now, settledBefore);
    await addSinceWatermarks(sql, settledBefore, pace);
    await prune(sql, now);
    return fresh;
  });
  const ms = Math.round(performance.now() - started);
  if (backfilled > 0) logger.info({ partners: backfilled, ms }, "SLA history rolled up for new partners");
  return { backfilledPartners: backfilled, ms };
}

/** New partners' settled history, up to the watermark they start with. */
async function backfillNewPartners(sql: Sql, now: Date, settledBefore: number): Promise<number> {
  const rows = await sql.query<{ id: string }>(`SELECT p.id FROM "Partner" p WHERE NOT EXISTS (SELECT 1 FROM "SlaRollupState" s WHERE s."partnerId" = p.id)`);
  if (rows.length === 0) return 0;
  const partners = rows.map((r) => r.id);
  const t = now.getTime();
  const settled = { settledBefore, until: settledBefore, partners };
  await sql.query(`DELETE FROM "SlaRollup" WHERE "partnerId" = ANY ($1::text[])`, [partners]);
  await rollUp(sql, BACKFILL_SQL, { ...settled, from: floorTo(t, DAY_MS) - BACKFILL_DAYS * DAY_MS, grains: ["day"] });
  await rollUp(sql, BACKFILL_SQL, { ...settled, from: floorTo(t, HOUR_MS) - HOUR_RETENTION_HOURS * HOUR_MS, grains: ["hour"] });
  await sql.query(`INSERT INTO "SlaRollupState" ("partnerId", "countedUntil") SELECT unnest($1::text[]), ${ts("$2")} ON CONFLICT DO NOTHING`, [partners, iso(settledBefore)]);
  return partners.length;
}

/**
 * Each endpoint's attempts since its partner's watermark: settled ones added for good, the last
 * SETTLE_MS's as provisional rows (the previous refresh's are dropped first). An endpoint per
 * statement, paced by the monitor loop: this runs beside live traffic.
 */
async function addSinceWatermarks(sql: Sql, settledBefore: number, pace: Pace) {
  await sql.query(`DELETE FROM "SlaRollup" WHERE provisional`);
  const endpoints = await sql.query<{ id: string; counted_until: Date }>(
    `SELECT en.id, s."countedUntil" AT TIME ZONE 'UTC' AS counted_until FROM "Endpoint" en JOIN "SlaRollupState" s ON s."partnerId" = en."partnerId"`,
  );
  await eachPaced(endpoints, pace, async ({ id, counted_until }) => {
    const from = counted_until.getTime();
    // A watermark past this refresh's settle line (a refresh for an earlier `now`) keeps its counts.
    void (await rollUp(sql, INCREMENT_SQL, { from, settledBefore: Math.max(from, settledBefore), until: null, endpointId: id, grains: ["hour", "day"] }));
  });
  await sql.query(`UPDATE "SlaRollupState" SET "countedUntil" = ${ts("$1")} WHERE "countedUntil" < ${ts("$1")}`, [iso(settledBefore)]);
}

async function prune(sql: Sql, now: Date) {
  const t = now.getTime();
  await sql.query(`DELETE FROM "SlaRollup" WHERE grain = 'hour' AND "periodStart" < ${ts("$1")}`, [iso(floorTo(t, HOUR_MS) - HOUR_RETENTION_HOURS * HOUR_MS)]);
  await sql.query(`DELETE FROM "SlaRollup" WHERE grain = 'day' AND "periodStart" < ${ts("$1")}`, [iso(floorTo(t, DAY_MS) - DAY_RETENTION_DAYS * DAY_MS)]);
}

// Pages read through ensureFresh: at most one refresh per FRESH_MS per process, shared by
// concurrent readers. The monitor loop refreshes every 10 minutes anyway.
const FRESH_MS = 15_000;
const globalForSla = globalThis as unknown as { waypointSlaRefresh?: { at: number; running: Promise<unknown> | null } };

export async function ensureSlaFresh(now = new Date()): Promise<void> {
  const state = (globalForSla.waypointSlaRefresh ??= { at: 0, running: null });
  if (state.running) return void (await state.running);
  if (Date.now() - state.at < FRESH_MS) return;
  state.running = refreshSlaRollup(now)
    .then(() => {
      state.at = Date.now();
    })
    .finally(() => {
      state.running = null;
    });
  await state.running;
}
