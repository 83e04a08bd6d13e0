// Bulk data for the Event Log benchmark: partners, orders, events and deliveries written with
// INSERT … SELECT generate_series, so a million events take seconds, not hours. Shapes follow
// the product: ~4 events per order over 30 days, v2-like payloads (~700 bytes, so heap pages
// are realistic), one delivery per subscribed endpoint, mostly delivered, some dead-lettered
// (background failures plus a 6-hour outage of one endpoint), pending/retrying only for the
// last minutes (in flight). No lib imports: it runs before the app's env is set.
import type pg from "pg";

export type SeedPartner = { id: string; name: string; events: number; endpoints: { id: string; eventTypes: string[] }[] };
export type SeedSummary = { partners: SeedPartner[]; events: number; deliveries: number; byStatus: Record<string, number>; seconds: number };

const ALL = ["order_confirmed", "out_for_delivery", "delivered", "delivery_failed", "return_initiated"];

/** Share of the events, and endpoint subscriptions, per partner. */
function plan(total: number): SeedPartner[] {
  const p = (i: number, name: string, share: number, endpoints: string[][]): SeedPartner => ({
    id: `bench_p${i}`,
    name,
    events: Math.round(total * share),
    endpoints: endpoints.map((eventTypes, j) => ({ id: `bench_p${i}_e${j}`, eventTypes })),
  });
  return [
    p(1, "Bench Enterprise", 0.5, [ALL, ["delivered", "delivery_failed"], ["out_for_delivery"]]),
    p(2, "Bench Growth", 0.3, [ALL, ALL]),
    p(3, "Bench Routed", 0.15, [["order_confirmed", "delivered"]]),
    p(4, "Bench No Endpoints", 0.05, []),
  ];
}

// One stable pseudo-random point in the last 30 days per order (minus 3 h, so its last event,
// 3 h later, is not in the future). The same expression in both INSERTs: no join needed.
const orderTime = (order: string) => `($3::timestamp - interval '3 hours' - interval '30 days' * ((hashtext($1 || ${order}) & 2147483647) / 2147483647.0))`;

async function seedPartner(sql: pg.PoolClient, partner: SeedPartner, now: string) {
  await sql.query(
    `INSERT INTO "Partner" (id, name, slug, tier, "updatedAt") VALUES ($1, $2, $1, 'enterprise', now())`,
    [partner.id, partner.name],
  );
  for (const e of partner.endpoints) {
    await sql.query(
      `INSERT INTO "Endpoint" (id, "partnerId", url, "eventTypes", "updatedAt") VALUES ($1, $2, $3, $4::"EventType"[], now())`,
      [e.id, partner.id, `https://hooks.example.com/${e.id}`, e.eventTypes],
    );
  }
  const orders = Math.ceil(partner.events / 4);
  await sql.query(
    `INSERT INTO "Order" (id, "partnerId", "merchantOrderRef", "customerId", "customerName", "customerPhone", status, "trackingToken", "createdAt", "updatedAt")
     SELECT $1 || '_o' || o, $1, 'ORD-' || o, 'cust_' || o, 'Customer ' || o, '+9198' || lpad((o % 100000000)::text, 8, '0'),
            'delivered', md5($1 || o), t, t
       FROM generate_series(0, $2 - 1) o, LATERAL (SELECT ${orderTime("o")} AS t) b`,
    [partner.id, orders, now],
  );
  // Event k of the partner is step k % 4 of order k / 4, an hour apart.
  await sql.query(
    `INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", sequence, payload, "createdAt")
     SELECT id, $1, order_id, type::"EventType", at, k % 4 + 1, jsonb_build_object(
              'schema_version', 'v2', 'event_id', id, 'event', type, 'occurred_at', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'order_id', order_id, 'merchant_order_ref', 'ORD-' || (k / 4), 'customer_id', 'cust_' || (k / 4), 'status', type,
              'rider', jsonb_build_object('name', 'Rajesh Kumar', 'phone_masked', '+91 98xxx xx214'), 'sequence', k % 4 + 1,
              'delivery', jsonb_build_object('otp', '4821', 'eta_window', jsonb_build_object('from', null, 'to', null), 'delivered_at', null, 'confirmation_method', null),
              'failure', jsonb_build_object('reason_code', null, 'rescheduled_for', null),
              'returns', jsonb_build_object('initiated_at', null, 'reason_code', null, 'condition', null, 'pickup_eta', null)), at
       FROM generate_series(0, $2 - 1) k,
            LATERAL (SELECT $1 || '_ev' || k AS id, $1 || '_o' || (k / 4) AS order_id, (hashtext('t' || k) & 2147483647) % 100 AS h) a,
            LATERAL (SELECT CASE k % 4
                       WHEN 0 THEN 'order_confirmed' WHEN 1 THEN 'out_for_delivery'
                       WHEN 2 THEN CASE WHEN h < 85 THEN 'delivered' ELSE 'delivery_failed' END
                       ELSE CASE WHEN h < 40 THEN 'return_initiated' ELSE 'out_for_delivery' END END AS type) t,
            LATERAL (SELECT ${orderTime("(k / 4)")} + interval '1 hour' * (k % 4) AS at) o`,
    [partner.id, partner.events, now],
  );
}

async function seedDeliveries(sql: pg.PoolClient, now: string) {
  // h: a stable per-delivery number 0..9999 that picks the outcome.
  await sql.query(`
    INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", status, "attemptCount", "nextAttemptAt", "lastAttemptAt", "deliveredAt", "deadLetteredAt", "lastError", "createdAt", "updatedAt")
    SELECT e.id || '_' || en.id, e.id, en.id, e."partnerId", s.status::"DeliveryStatus",
           CASE s.status WHEN 'pending' THEN 0 WHEN 'retrying' THEN 2 WHEN 'dead_lettered' THEN 4 ELSE 1 END,
           CASE WHEN s.status IN ('pending', 'retrying') THEN e."createdAt" + interval '2 minutes' END,
           CASE WHEN s.status <> 'pending' THEN e."createdAt" END,
           CASE WHEN s.status = 'delivered' THEN e."createdAt" END,
           CASE WHEN s.status = 'dead_lettered' THEN e."createdAt" + interval '11 minutes' END,
           CASE WHEN s.status IN ('retrying', 'dead_lettered') THEN 'Endpoint answered 503 Service Unavailable' END,
           e."createdAt", e."createdAt"
      FROM "OrderEvent" e
      JOIN "Endpoint" en ON en."partnerId" = e."partnerId" AND e.type = ANY (en."eventTypes"),
           LATERAL (SELECT (hashtext(e.id || en.id) & 2147483647) % 10000 AS h,
                           $1::timestamp - e."createdAt" AS age) x,
           LATERAL (SELECT CASE
             WHEN x.age < interval '10 minutes' THEN CASE WHEN h < 3000 THEN 'pending' WHEN h < 5000 THEN 'retrying' ELSE 'delivered' END
             WHEN en.id = 'bench_p1_e0' AND x.age BETWEEN interval '3 days' AND interval '3 days 6 hours' THEN 'dead_lettered'
             WHEN h < 80 THEN 'dead_lettered'
             ELSE 'delivered' END AS status) s`,
    [now],
  );
}

// Bulk-load speed-ups, undone before any query runs: secondary indexes are dropped and built
// once at the end (from their own definitions), and foreign-key triggers are skipped for this
// session (the rows are consistent by construction).
const BULK_TABLES = ["Order", "OrderEvent", "Delivery"];

async function withoutSecondaryIndexes(sql: pg.PoolClient, load: () => Promise<void>) {
  const { rows } = await sql.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[]) AND i.indexname NOT LIKE '%_pkey'`,
    [BULK_TABLES],
  );
  for (const r of rows) await sql.query(`DROP INDEX "${r.name}"`);
  await sql.query(`SET session_replication_role = replica`);
  try {
    await load();
  } finally {
    await sql.query(`SET session_replication_role = DEFAULT`);
    for (const r of rows) await sql.query(r.def);
  }
}

export async function seedMillionEvents(pool: pg.Pool, total = 1_000_000): Promise<SeedSummary> {
  const started = Date.now();
  const partners = plan(total);
  const sql = await pool.connect();
  try {
    const { now } = (await sql.query<{ now: string }>(`SELECT (now() AT TIME ZONE 'UTC')::text AS now`)).rows[0]!;
    await withoutSecondaryIndexes(sql, async () => {
      for (const partner of partners) await seedPartner(sql, partner, now);
      await seedDeliveries(sql, now);
    });
    await sql.query(`VACUUM (ANALYZE)`); // what autovacuum does to a table at rest: statistics and the visibility map
  } finally {
    sql.release();
  }
  const { rows } = await pool.query<{ status: string; n: string }>(`SELECT status::text, count(*) AS n FROM "Delivery" GROUP BY 1`);
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  const deliveries = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const events = partners.reduce((a, p) => a + p.events, 0);
  return { partners, events, deliveries, byStatus, seconds: (Date.now() - started) / 1000 };
}
