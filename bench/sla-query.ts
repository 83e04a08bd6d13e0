// SLA query benchmark: `npm run bench:sla`. Not a test; prints a report and writes
// bench/results/sla-query.json. Seeds a fresh database with the Event Log benchmark's 1,000,000
// events (bench/lib/seed-million-events.ts) plus one attempt row per attempt each delivery made
// (successful ones with a realistic latency tail), then times:
//   - the rollup's first build (every partner backfilled from raw attempts: once, after deploy),
//   - a refresh after it (what a page read does at most every 15 s, and the monitor loop every 10 minutes),
//   - getSlaReport, the SLA view's read (all partners and overall, and one partner), for 24 h,
//     7 d and 30 d, RUNS times each after warm-up,
// and prints EXPLAIN (ANALYZE, BUFFERS) of the slowest read's statements. The database is dropped
// at the end, also on failure or Ctrl-C.
//
// Knobs: BENCH_EVENTS (default 1,000,000), BENCH_RUNS per case (default 30).
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { fmtMs, fmtNum, summarize, table, type Summary } from "./lib/stats";
import { seedMillionEvents } from "./lib/seed-million-events";
import { startBench } from "./lib/start-bench";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const TARGET_P95_MS = 150;

const { log, database, dropDatabase } = await startBench("waypoint_bench_sla");

const pgModule = (await import("pg")).default;
const pool = new pgModule.Pool({ connectionString: database.url, max: 2 });
const { closeSqlPool, sql } = await import("@/lib/db/sql");
const { refreshSlaRollup } = await import("@/lib/sla/refresh");
const { getSlaReport, BY_PARTNER_SQL, BY_PERIOD_SQL, DEAD_SQL } = await import("@/lib/sla/report");
const { SLA_RANGES, slaWindow } = await import("@/lib/sla/targets");
const { evaluateAlerts } = await import("@/lib/alerts/evaluate");
type Range = (typeof SLA_RANGES)[number];

let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await closeSqlPool().catch(() => {});
  await pool.end().catch(() => {});
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  log(`database ${database.name} dropped`);
}
process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));

/**
 * The attempts behind the seeded deliveries: every attempt but the last failed (503, 30 s apart);
 * a delivered one's last succeeded, answering 0.2–1.7 s after the status change for most, with a
 * tail of 2–60 s (4 %) and of 2–15 min (0.8 %). Retried deliveries (2 %) took two attempts.
 */
async function seedAttempts(p: pg.Pool) {
  const client = await p.connect();
  try {
    await client.query(`UPDATE "Delivery" SET "attemptCount" = 2 WHERE status = 'delivered' AND (hashtext(id) & 2147483647) % 100 < 2`);
    await client.query(`SET session_replication_role = replica`);
    await client.query(`
      INSERT INTO "DeliveryAttempt" (id, "deliveryId", "endpointId", trigger, "startedAt", success, "statusCode", "latencyMs")
      SELECT d.id || '_a' || n, d.id, d."endpointId", 'automatic',
             e."occurredAt" + make_interval(secs => 30 * (n - 1) + CASE WHEN ok THEN x.tail ELSE 0.1 END),
             ok, CASE WHEN ok THEN 200 ELSE 503 END, 20 + x.h % 400
        FROM "Delivery" d JOIN "OrderEvent" e ON e.id = d."eventId",
             LATERAL (SELECT (hashtext(d.id) & 2147483647) % 10000 AS h) h0,
             LATERAL (SELECT h0.h AS h, CASE WHEN h0.h < 80 THEN 120 + (h0.h * 11) % 780 WHEN h0.h < 480 THEN 2 + (h0.h * 7) % 58 ELSE 0.2 + (h0.h % 1500) / 1000.0 END AS tail) x,
             generate_series(1, d."attemptCount") n,
             LATERAL (SELECT d.status = 'delivered' AND n = d."attemptCount" AS ok) o
       WHERE d."attemptCount" > 0`);
  } finally {
    await client.query(`SET session_replication_role = DEFAULT`);
    client.release();
  }
  await p.query(`VACUUM (ANALYZE) "DeliveryAttempt", "Delivery"`);
  return Number((await p.query(`SELECT count(*) AS n FROM "DeliveryAttempt"`)).rows[0].n);
}

type Case = { name: string; range: Range; partnerId?: string };

async function time(c: Case): Promise<number> {
  const started = process.hrtime.bigint();
  await getSlaReport({ range: c.range, partnerId: c.partnerId, refresh: false });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function explainCase(c: Case): Promise<string> {
  const w = slaWindow(c.range, new Date());
  const params = [w.grain, w.from.toISOString(), c.partnerId ?? null];
  const out: string[] = [];
  for (const [name, q] of Object.entries({ BY_PARTNER_SQL, BY_PERIOD_SQL, DEAD_SQL })) {
    const plan = await sql().query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q}`, params);
    out.push(`-- ${name}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
  return out.join("\n\n");
}

try {
  log(`seeding ${fmtNum(EVENTS)} events…`);
  const seeded = await seedMillionEvents(pool, EVENTS);
  log(`seeded ${fmtNum(seeded.events)} events and ${fmtNum(seeded.deliveries)} deliveries in ${seeded.seconds.toFixed(1)} s`);
  const attemptsStarted = Date.now();
  const attempts = await seedAttempts(pool);
  log(`seeded ${fmtNum(attempts)} attempts in ${((Date.now() - attemptsStarted) / 1000).toFixed(1)} s`);

  const first = await refreshSlaRollup();
  log(`rollup first build (every partner backfilled from raw attempts): ${fmtMs(first.ms)}`);
  const incremental: number[] = [];
  for (let i = 0; i < 10; i++) incremental.push((await refreshSlaRollup()).ms);
  const inc = summarize(incremental);
  const rollupRows = (await sql().query<{ grain: string; n: number }>(`SELECT grain::text, count(*)::int AS n FROM "SlaRollup" GROUP BY 1 ORDER BY 1`)).map((r) => `${r.n} ${r.grain}`).join(", ");
  log(`refresh after it (attempts since the watermark, the last 10 minutes provisional): p50 ${fmtMs(inc.p50)}, max ${fmtMs(inc.max)}; rollup rows: ${rollupRows}`);

  // The alert evaluator's pass over the same database (what the monitor loop runs every 30 s).
  const passes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = process.hrtime.bigint();
    await evaluateAlerts();
    passes.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const alertPass = summarize(passes.slice(1));
  log(`alert evaluator pass: p50 ${fmtMs(alertPass.p50)}, max ${fmtMs(alertPass.max)}`);

  const big = seeded.partners[0]!;
  const cases: Case[] = SLA_RANGES.flatMap((range) => [
    { name: `${range}: all partners + overall`, range },
    { name: `${range}: ${big.name}`, range, partnerId: big.id },
  ]);
  const loadBefore = os.loadavg()[0]!;
  const results: { case: Case; summary: Summary }[] = [];
  const all: number[] = [];
  for (const c of cases) {
    for (let i = 0; i < WARMUP; i++) await time(c);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await time(c));
    all.push(...samples);
    results.push({ case: c, summary: summarize(samples) });
  }
  const overall = summarize(all);
  const report = await getSlaReport({ range: "30d", refresh: false });
  const load = `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
  console.log(`\nSLA view read (getSlaReport: 4 statements, 3 on the rollup in parallel + partners), ${fmtNum(seeded.events)} events / ${fmtNum(seeded.deliveries)} deliveries / ${fmtNum(attempts)} attempts, ${RUNS} runs per case after ${WARMUP} warm-up runs; ${load}:\n`);
  const rows = results.map((r) => [r.case.name, fmtMs(r.summary.p50), fmtMs(r.summary.p95), fmtMs(r.summary.p99), fmtMs(r.summary.max)]);
  rows.push(["overall", fmtMs(overall.p50), fmtMs(overall.p95), fmtMs(overall.p99), fmtMs(overall.max)]);
  console.log(table(["case", "p50", "p95", "p99", "max"], rows));
  const worst = [...results].sort((a, b) => b.summary.p95 - a.summary.p95)[0]!;
  console.log(`\ntarget p95 < ${TARGET_P95_MS} ms: ${overall.p95 < TARGET_P95_MS && worst.summary.p95 < TARGET_P95_MS ? "MET" : "NOT MET"} (overall p95 ${fmtMs(overall.p95)}, worst case p95 ${fmtMs(worst.summary.p95)})`);
  console.log(`rollup: first build ${fmtMs(first.ms)}, incremental refresh p50 ${fmtMs(inc.p50)} / max ${fmtMs(inc.max)} (${rollupRows})`);
  console.log(`alert evaluator pass (every rule, every endpoint): p50 ${fmtMs(alertPass.p50)} / max ${fmtMs(alertPass.max)}`);
  console.log(`30 d overall: ${fmtNum(report.overall.delivered)} delivered, p50/p95/p99 ${report.overall.p50Ms}/${report.overall.p95Ms}/${report.overall.p99Ms} ms, ${fmtNum(report.overall.deadLettersOpen)} dead-letters open`);
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of "${worst.case.name}" (p95 ${fmtMs(worst.summary.p95)}):\n${await explainCase(worst.case)}`);

  await mkdir(path.resolve("bench/results"), { recursive: true });
  await writeFile(
    path.resolve("bench/results/sla-query.json"),
    JSON.stringify({ at: new Date().toISOString(), load, events: seeded.events, deliveries: seeded.deliveries, attempts, runs: RUNS, rollup: { firstBuildMs: first.ms, incremental: inc }, alertPass, overall, perCase: results.map((r) => ({ case: r.case.name, ...r.summary })) }, null, 2),
  );
} finally {
  await cleanup();
}
