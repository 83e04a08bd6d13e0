// A partner's delivery history with known latencies, for the SLA tests (integration and e2e):
// events over the last 30 days, each delivered to one of two endpoints after 1–3 attempts or
// dead-lettered (two, so a rollup that adds endpoints up is checked against the raw rows),
// written in one transaction with plain pg (no app imports: the Playwright process uses it too).
// Also the ground truth: the SLA figures computed straight from the raw rows by the definitions.
import type pg from "pg";

type Client = Pick<pg.PoolClient, "query">;
export type SlaHistory = { partnerId: string; endpointId: string; events: number };

// A small deterministic generator: the same seed gives the same history.
const rng = (seed: number) => () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

/** Creates a partner, an endpoint and `events` events with their deliveries and attempts, ending `now`. */
export async function insertSlaHistory(sql: Client, opts: { name: string; events?: number; seed?: number; now?: Date }): Promise<SlaHistory> {
  const n = opts.events ?? 400;
  const rand = rng(opts.seed ?? 42);
  const now = (opts.now ?? new Date()).getTime();
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const partnerId = `sla_p_${tag}`;
  const endpointId = `sla_e_${tag}`;
  const endpointIds = [endpointId, `${endpointId}_2`];
  const rows = { events: [] as unknown[][], deliveries: [] as unknown[][], attempts: [] as unknown[][] };
  for (let i = 0; i < n; i++) {
    // Occurred within the last 30 days (a third of them in the last day), at least 10 min ago.
    const ageMs = 600_000 + (i % 3 === 0 ? rand() * 86_400_000 : rand() * 30 * 86_400_000);
    const occurred = now - ageMs;
    const eventId = `sla_ev_${tag}_${i}`;
    const orderId = `sla_o_${tag}_${i}`;
    rows.events.push([eventId, orderId, new Date(occurred).toISOString()]);
    const dead = rand() < 0.03;
    const attempts = dead ? 4 : 1 + Math.floor(rand() * rand() * 3);
    // Latency: mostly sub-second, a tail of seconds, a few over the 90 s promise.
    const r = rand();
    const firstMs = r < 0.85 ? 20 + Math.floor(rand() * 900) : r < 0.97 ? 1_000 + Math.floor(rand() * 30_000) : 60_000 + Math.floor(rand() * 600_000);
    const deliveryId = `sla_d_${tag}_${i}`;
    let t = occurred + firstMs;
    for (let k = 1; k <= attempts; k++) {
      const last = k === attempts;
      const success = last && !dead;
      const latency = 15 + Math.floor(rand() * 400);
      rows.attempts.push([`sla_a_${tag}_${i}_${k}`, deliveryId, endpointIds[i % 2], new Date(t).toISOString(), success, success ? 200 : 503, latency]);
      if (!last) t += [30_000, 120_000, 480_000][k - 1]!;
    }
    rows.deliveries.push([deliveryId, endpointIds[i % 2], eventId, dead ? "dead_lettered" : "delivered", attempts, dead ? new Date(t + 1_000).toISOString() : null, dead ? null : new Date(t + 500).toISOString(), new Date(occurred).toISOString()]);
  }
  await sql.query("BEGIN");
  try {
    await sql.query(`INSERT INTO "Partner" (id, name, slug, tier, "updatedAt") VALUES ($1, $2, $1, 'enterprise', now())`, [partnerId, opts.name]);
    for (const [k, id] of endpointIds.entries()) await sql.query(`INSERT INTO "Endpoint" (id, "partnerId", url, "eventTypes", "updatedAt") VALUES ($1, $2, $3, '{order_confirmed}', now())`, [id, partnerId, `https://hooks.sla.test/${tag}/${k}`]);
    const col = (table: unknown[][], i: number) => table.map((r) => r[i]);
    await sql.query(
      `INSERT INTO "Order" (id, "partnerId", "merchantOrderRef", "customerId", "customerName", "customerPhone", status, "trackingToken", "createdAt", "updatedAt")
       SELECT o, $1, 'SLA-' || o, 'c', 'SLA Customer', '+919800000000', 'confirmed', md5(o), t::timestamptz AT TIME ZONE 'UTC', t::timestamptz AT TIME ZONE 'UTC'
         FROM unnest($2::text[], $3::text[]) AS x(o, t)`,
      [partnerId, col(rows.events, 1), col(rows.events, 2)],
    );
    await sql.query(
      `INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", sequence, payload, "createdAt")
       SELECT e, $1, o, 'order_confirmed', t::timestamptz AT TIME ZONE 'UTC', 1, '{}', t::timestamptz AT TIME ZONE 'UTC' FROM unnest($2::text[], $3::text[], $4::text[]) AS x(e, o, t)`,
      [partnerId, col(rows.events, 0), col(rows.events, 1), col(rows.events, 2)],
    );
    await sql.query(
      `INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", status, "attemptCount", "deadLetteredAt", "deliveredAt", "createdAt", "updatedAt")
       SELECT d, e, ep, $1, s::"DeliveryStatus", a, dl::timestamptz AT TIME ZONE 'UTC', dv::timestamptz AT TIME ZONE 'UTC', c::timestamptz AT TIME ZONE 'UTC', c::timestamptz AT TIME ZONE 'UTC'
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[]) AS x(d, ep, e, s, a, dl, dv, c)`,
      [partnerId, ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => col(rows.deliveries, i))],
    );
    await sql.query(
      `INSERT INTO "DeliveryAttempt" (id, "deliveryId", "endpointId", trigger, "startedAt", success, "statusCode", "latencyMs")
       SELECT id, d, e, 'automatic', t::timestamptz AT TIME ZONE 'UTC', s, c, l FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::int[], $7::int[]) AS x(id, d, e, t, s, c, l)`,
      [0, 1, 2, 3, 4, 5, 6].map((i) => col(rows.attempts, i)),
    );
    await sql.query("COMMIT");
  } catch (err) {
    await sql.query("ROLLBACK");
    throw err;
  }
  return { partnerId, endpointId, events: n };
}

export type RawSla = { delivered: number; withinTarget: number; attempts: number; p50: number | null; p95: number | null; p99: number | null; deadInWindow: number; deadOpen: number };

/** The SLA of one partner since `from`, by the definitions, straight from the raw rows (no rollup). */
export async function rawSla(sql: Client, partnerId: string, from: Date): Promise<RawSla> {
  const { rows } = await sql.query(
    `WITH ok AS (
       SELECT floor(extract(epoch FROM a."startedAt" - e."occurredAt") * 1000)::bigint + a."latencyMs" AS ms, d."attemptCount" AS attempts
         FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId" JOIN "OrderEvent" e ON e.id = d."eventId"
        WHERE d."partnerId" = $1 AND a.success AND d.status = 'delivered' AND a."startedAt" >= ($2::timestamptz AT TIME ZONE 'UTC'))
     SELECT count(*)::int AS delivered, (count(*) FILTER (WHERE ms <= 90000))::int AS "withinTarget", coalesce(sum(attempts), 0)::int AS attempts,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS p50, percentile_disc(0.95) WITHIN GROUP (ORDER BY ms)::float8 AS p95,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::float8 AS p99,
            (SELECT count(*) FROM "Delivery" WHERE "partnerId" = $1 AND status = 'dead_lettered' AND "deadLetteredAt" >= ($2::timestamptz AT TIME ZONE 'UTC'))::int AS "deadInWindow",
            (SELECT count(*) FROM "Delivery" WHERE "partnerId" = $1 AND status = 'dead_lettered')::int AS "deadOpen"
       FROM ok`,
    [partnerId, from.toISOString()],
  );
  return rows[0] as RawSla;
}
