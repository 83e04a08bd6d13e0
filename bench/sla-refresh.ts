// SLA rollup refresh under sustained traffic: `npm run bench:sla-refresh`. Not a test; prints a
// report and writes bench/results/sla-refresh.json. Seeds a fresh database with one partner whose
// five endpoints each received BENCH_ORDERS_PER_S orders a second for the last 3 hours (one
// successful attempt per delivery), then times the rollup's first build (the partner backfilled)
// and the refreshes after it: what a page read does (at most every 15 s) and the monitor loop
// (every 10 minutes). bench:sla measures reading the rollup; this measures keeping it current,
// whose cost used to grow with the last two hours' traffic. The database is dropped at the end.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startBench } from "./lib/start-bench";
import { fmtMs, fmtNum, summarize } from "./lib/stats";

const ORDERS_PER_S = Number(process.env.BENCH_ORDERS_PER_S ?? 20);
const HOURS = 3;
const ENDPOINTS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const { log, database, dropDatabase } = await startBench("waypoint_bench_sla_refresh");
const { closeSqlPool, sql } = await import("@/lib/db/sql");
const { refreshSlaRollup } = await import("@/lib/sla/refresh");

// Orders one per 1/ORDERS_PER_S s over the last HOURS, each event delivered to every endpoint in
// 20–400 ms by one successful attempt.
const SEED = `
INSERT INTO "Partner" (id, name, slug, tier, "updatedAt") VALUES ('bench_p', 'Bench Co', 'bench-co', 'enterprise', now());
INSERT INTO "Endpoint" (id, "partnerId", url, "eventTypes", "updatedAt")
  SELECT 'bench_e' || k, 'bench_p', 'https://hooks.bench.test/' || k, '{order_confirmed}', now() FROM generate_series(1, ${ENDPOINTS}) k;
CREATE TEMP TABLE o AS
  SELECT i, (now() AT TIME ZONE 'UTC') - (i * interval '1 second' / ${ORDERS_PER_S}) AS t FROM generate_series(1, ${HOURS * 3600 * ORDERS_PER_S}) i;
INSERT INTO "Order" (id, "partnerId", "merchantOrderRef", "customerId", "customerName", "customerPhone", status, "trackingToken", "createdAt", "updatedAt")
  SELECT 'o' || i, 'bench_p', 'B-' || i, 'c', 'Bench Customer', '+919800000000', 'confirmed', md5('o' || i), t, t FROM o;
INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", sequence, payload, "createdAt")
  SELECT 'ev' || i, 'bench_p', 'o' || i, 'order_confirmed', t, 1, '{}', t FROM o;
INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", status, "attemptCount", "deliveredAt", "createdAt", "updatedAt")
  SELECT 'd' || i || '_' || k, 'ev' || i, 'bench_e' || k, 'bench_p', 'delivered', 1, t + interval '400 milliseconds', t, t FROM o, generate_series(1, ${ENDPOINTS}) k;
INSERT INTO "DeliveryAttempt" (id, "deliveryId", "endpointId", trigger, "startedAt", success, "statusCode", "latencyMs")
  SELECT 'a' || i || '_' || k, 'd' || i || '_' || k, 'bench_e' || k, 'automatic', t + (i % 7) * interval '50 milliseconds', true, 200, 20 + (i * k) % 380 FROM o, generate_series(1, ${ENDPOINTS}) k;
ANALYZE;`;

try {
  log(`seeding ${HOURS} h of ${ORDERS_PER_S} orders/s × ${ENDPOINTS} endpoints…`);
  await sql().query(SEED);
  const [{ n } = { n: 0 }] = await sql().query<{ n: number }>(`SELECT count(*)::int AS n FROM "DeliveryAttempt"`);
  log(`seeded ${fmtNum(n)} attempts (${fmtNum(ORDERS_PER_S * ENDPOINTS)} a second)`);

  const first = await refreshSlaRollup();
  log(`first build (the partner backfilled from raw attempts): ${fmtMs(first.ms)}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await refreshSlaRollup()).ms);
  const s = summarize(times);
  log(`refresh after it (a page read's, or the monitor's): p50 ${fmtMs(s.p50)}, max ${fmtMs(s.max)} over ${RUNS} runs`);
  const [report] = await sql().query<{ delivered: number }>(`SELECT sum(delivered)::int AS delivered FROM "SlaRollup" WHERE grain = 'hour'`);
  log(`hour rows count ${fmtNum(report!.delivered)} deliveries (every attempt of the last ${HOURS} h once)`);

  const out = { at: new Date().toISOString(), ordersPerSecond: ORDERS_PER_S, endpoints: ENDPOINTS, hours: HOURS, attempts: n, firstBuildMs: first.ms, refreshMs: times, counted: report!.delivered };
  await mkdir(path.join("bench", "results"), { recursive: true });
  await writeFile(path.join("bench", "results", "sla-refresh.json"), JSON.stringify(out, null, 2));
} finally {
  await closeSqlPool().catch(() => {});
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  log(`database ${database.name} dropped`);
}
