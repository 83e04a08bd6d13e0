import "server-only";
import { sqlTransaction, type Sql } from "@/lib/db/sql";
import { eachPaced, unpaced, type Pace } from "@/lib/jobs/pace";
import { logger } from "@/lib/logger";
import { bucketSql, SLA_TARGET_MS } from "@/lib/sla/targets";

// Keeps SlaRollup current. Deliveries are counted in the period their successful attempt
// started, so a period never changes once it is over (a late success, even a manual retry of a
// month-old dead-letter, lands in the current hour): each refresh recomputes only the last
// RECENT_HOURS hours from the raw attempts, then today's (and, after midnight, yesterday's) day
// rows from the hour rows. A partner seen for the first time (after the migration, or created
// since) is backfilled from its raw history once. Hour rows are kept HOUR_RETENTION_HOURS (the
// 24 h view and today's day row need them); day rows DAY_RETENTION_DAYS.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** An attempt recorded later than this after it started is not counted (the recorder writes within seconds). */
export const RECENT_HOURS = 2;
export const HOUR_RETENTION_HOURS = 49;
export const BACKFILL_DAYS = 31;
export const DAY_RETENTION_DAYS = 400;

const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const iso = (t: number) => new Date(t).toISOString();
const ts = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Successful delivery attempts since $1 (for the partners in $2, or every partner when null; for
 * the endpoint $4 only, when given), grouped by partner, period ($3: hour or day) and latency
 * bucket, added to the rows already there (so endpoints can be rolled up one at a time). Walks
 * each endpoint's attempts through the (endpointId, startedAt) index: no global scan, whatever the
 * table's size.
 */
const RAW_ROLLUP_SQL = `
WITH ok AS (
  SELECT en."partnerId" AS partner_id, date_trunc($3, a."startedAt") AS period, d."attemptCount" AS attempts,
         floor(extract(epoch FROM a."startedAt" - e."occurredAt") * 1000)::bigint + a."latencyMs" AS ms
    FROM "Endpoint" en
    CROSS JOIN LATERAL (
      SELECT x."deliveryId", x."startedAt", x."latencyMs" FROM "DeliveryAttempt" x
       WHERE x."endpointId" = en.id AND x."startedAt" >= ${ts("$1")} AND x.success AND x."deliveryId" IS NOT NULL
    ) a
    JOIN "Delivery" d ON d.id = a."deliveryId" AND d.status = 'delivered'
    JOIN "OrderEvent" e ON e.id = d."eventId"
   WHERE ($2::text[] IS NULL OR en."partnerId" = ANY ($2::text[]))
     AND ($4::text IS NULL OR en.id = $4::text)
)
INSERT INTO "SlaRollup" AS r ("partnerId", grain, "periodStart", "bucketMs", delivered, "withinTarget", attempts)
SELECT partner_id, $3::"SlaGrain", period, ${bucketSql("ms")}, count(*)::int, (count(*) FILTER (WHERE ms <= ${SLA_TARGET_MS}))::int, sum(attempts)::int
  FROM ok GROUP BY 1, 2, 3, 4
ON CONFLICT ("partnerId", grain, "periodStart", "bucketMs") DO UPDATE
   SET delivered = r.delivered + excluded.delivered, "withinTarget" = r."withinTarget" + excluded."withinTarget", attempts = r.attempts + excluded.attempts`;

/** Day rows from the hour rows of days since $1. */
const DAYS_FROM_HOURS_SQL = `
INSERT INTO "SlaRollup" ("partnerId", grain, "periodStart", "bucketMs", delivered, "withinTarget", attempts)
SELECT "partnerId", 'day'::"SlaGrain", date_trunc('day', "periodStart"), "bucketMs", sum(delivered)::int, sum("withinTarget")::int, sum(attempts)::int
  FROM "SlaRollup" WHERE grain = 'hour' AND "periodStart" >= ${ts("$1")}
 GROUP BY 1, 2, 3, 4`;

export type RefreshResult = { backfilledPartners: number; ms: number };

/**
 * One refresh, in one transaction under an advisory lock: concurrent refreshers (several app
 * processes, a page and the monitor loop) wait for each other instead of writing the same rows.
 */
export async function refreshSlaRollup(now = new Date(), pace: Pace = unpaced): Promise<RefreshResult> {
  const started = performance.now();
  const backfilled = await sqlTransaction(async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock(hashtext('waypoint_sla_rollup'))`);
    const fresh = await backfillNewPartners(sql, now);
    await recomputeRecent(sql, now, pace);
    await prune(sql, now);
    return fresh;
  });
  const ms = Math.round(performance.now() - started);
  if (backfilled > 0) logger.info({ partners: backfilled, ms }, "SLA history rolled up for new partners");
  return { backfilledPartners: backfilled, ms };
}

async function backfillNewPartners(sql: Sql, now: Date): Promise<number> {
  const rows = await sql.query<{ id: string }>(`SELECT p.id FROM "Partner" p WHERE NOT EXISTS (SELECT 1 FROM "SlaRollupState" s WHERE s."partnerId" = p.id)`);
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  const t = now.getTime();
  await sql.query(`DELETE FROM "SlaRollup" WHERE "partnerId" = ANY ($1::text[])`, [ids]);
  await sql.query(RAW_ROLLUP_SQL, [iso(floorTo(t, DAY_MS) - BACKFILL_DAYS * DAY_MS), ids, "day", null]);
  await sql.query(RAW_ROLLUP_SQL, [iso(floorTo(t, HOUR_MS) - HOUR_RETENTION_HOURS * HOUR_MS), ids, "hour", null]);
  await sql.query(`INSERT INTO "SlaRollupState" ("partnerId") SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [ids]);
  return ids.length;
}

async function recomputeRecent(sql: Sql, now: Date, pace: Pace) {
  const fromHour = floorTo(now.getTime(), HOUR_MS) - RECENT_HOURS * HOUR_MS;
  const fromDay = floorTo(fromHour, DAY_MS);
  await sql.query(`DELETE FROM "SlaRollup" WHERE grain = 'hour' AND "periodStart" >= ${ts("$1")}`, [iso(fromHour)]);
  // An endpoint per statement, paced by the monitor loop: this runs every 10 minutes beside live
  // traffic, and all endpoints' recent attempts in one statement kept a core busy for a quarter
  // of a second at 300 orders/s (bench:http), long enough to back up ingest on a small box.
  const endpoints = await sql.query<{ id: string }>(`SELECT id FROM "Endpoint"`);
  await eachPaced(endpoints, pace, async ({ id }) => void (await sql.query(RAW_ROLLUP_SQL, [iso(fromHour), null, "hour", id])));
  await sql.query(`DELETE FROM "SlaRollup" WHERE grain = 'day' AND "periodStart" >= ${ts("$1")}`, [iso(fromDay)]);
  await sql.query(DAYS_FROM_HOURS_SQL, [iso(fromDay)]);
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
