import "server-only";
import { counterSql, type Sql } from "@/lib/db/sql";

// An endpoint's rate limit (rateLimitPerSecond) as send slots, shared in Postgres by every process
// and both drivers: the embedded engine reserves slots for the rows it claimed, an Inngest attempt
// step (or a manual retry) reserves one for itself. Slots are 1/perSecond apart, so any second holds
// at most perSecond sends, retries included. The state per endpoint is one timestamp, the next
// free slot, kept in a RateLimitBucket row (key "send-slots:<endpointId>"; windowStart = next free
// slot, count = slots granted by the last reservation). On the counter pool (no WAL flush wait,
// lib/db/sql.ts): a crash may forget the last milliseconds of reservations, never a delivery.

export type SlotRequest = { endpointId: string; perSecond: number; count: number };
/** Delays (ms from now, ascending) of the slots granted; `retryInMs`: when to ask again for the rest. */
export type SlotGrant = { delaysMs: number[]; retryInMs: number };

const key = (endpointId: string) => `send-slots:${endpointId}`;

// Granted = how many slots from the next free one (or now) fall within the horizon, at most the
// count asked. The UPDATE locks the row: concurrent reservations for one endpoint queue on it and
// each sees the slot the previous one left. Times in UTC, as Prisma stores them.
const GRANTED = `least(i.wanted, greatest(0, floor(
    (extract(epoch FROM (n.t - greatest(b."windowStart", n.t))) * 1000 + $4::int) / (1000.0 / i.per_second)
  )::int + 1))`;
const RESERVE_SQL = `
WITH input AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[]) AS t(key, per_second, wanted)),
     n AS (SELECT now() AT TIME ZONE 'UTC' AS t)
UPDATE "RateLimitBucket" b SET
  "windowStart" = greatest(b."windowStart", n.t) + (${GRANTED} * (1000.0 / i.per_second)) * interval '1 millisecond',
  "count" = ${GRANTED}
  FROM input i, n
 WHERE b.key = i.key
RETURNING b.key, b."count" AS granted, (extract(epoch FROM (b."windowStart" - n.t)) * 1000)::float8 AS next_free_ms, i.per_second`;

const CREATE_SQL = `
INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
SELECT k, now() AT TIME ZONE 'UTC' - interval '1 day', 0 FROM unnest($1::text[]) AS k
ON CONFLICT ("key") DO NOTHING`;

type Row = { key: string; granted: number; next_free_ms: number; per_second: number };

/**
 * Reserves send slots within `horizonMs` from now for each endpoint: one statement for any number
 * of endpoints (a second only the first time an endpoint is limited). Slots granted are yours: send
 * at each delay. The rest were not reserved; ask again after `retryInMs`.
 */
export async function reserveSendSlots(requests: readonly SlotRequest[], horizonMs: number, sql: Sql = counterSql()): Promise<Map<string, SlotGrant>> {
  const out = new Map<string, SlotGrant>();
  if (requests.length === 0) return out;
  const params = (rs: readonly SlotRequest[]) => [rs.map((r) => key(r.endpointId)), rs.map((r) => r.perSecond), rs.map((r) => r.count), Math.max(0, Math.round(horizonMs))];
  let rows = await sql.query<Row>(RESERVE_SQL, params(requests), "waypoint_reserve_send_slots");
  if (rows.length < requests.length) {
    const seen = new Set(rows.map((r) => r.key));
    const missing = requests.filter((r) => !seen.has(key(r.endpointId)));
    await sql.query(CREATE_SQL, [missing.map((r) => key(r.endpointId))], "waypoint_create_send_slots");
    rows = rows.concat(await sql.query<Row>(RESERVE_SQL, params(missing), "waypoint_reserve_send_slots"));
  }
  for (const row of rows) {
    const interval = 1000 / row.per_second;
    const first = row.next_free_ms - row.granted * interval;
    const delaysMs = Array.from({ length: row.granted }, (_, k) => Math.max(0, Math.round(first + k * interval)));
    // The next free slot enters the horizon after this long.
    const retryInMs = Math.max(Math.ceil(interval), Math.ceil(row.next_free_ms - horizonMs));
    out.set(row.key.slice("send-slots:".length), { delaysMs, retryInMs });
  }
  return out;
}

/** One slot for one send, waiting at most `maxWaitMs` for it: the delay to wait, or null with when to ask again. */
export async function reserveSendSlot(endpointId: string, perSecond: number, maxWaitMs: number): Promise<{ waitMs: number } | { retryInMs: number }> {
  const grant = (await reserveSendSlots([{ endpointId, perSecond, count: 1 }], maxWaitMs)).get(endpointId)!;
  return grant.delaysMs.length ? { waitMs: grant.delaysMs[0]! } : { retryInMs: grant.retryInMs };
}
