// Event Log query benchmark: `npm run bench:event-log`. Not a test; prints a report and writes
// bench/results/event-log-query.json. Seeds a fresh database on the local PostgreSQL server
// with 1,000,000 events (bench/lib/seed-million-events.ts), ANALYZEs it, then times the real
// query function (listEventLog from lib/event-log: both of its SQL round trips, in process)
// over a matrix of filters, and prints EXPLAIN (ANALYZE, BUFFERS) for the slowest. The
// database is dropped at the end, also on failure or Ctrl-C.
//
// Knobs: BENCH_EVENTS (default 1,000,000), BENCH_RUNS per filter (default 30).
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fmtMs, fmtNum, summarize, table, type Summary } from "./lib/stats";
import { seedMillionEvents } from "./lib/seed-million-events";
import { startBench } from "./lib/start-bench";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const TARGET_P95_MS = 150;

const { log, database, dropDatabase } = await startBench("waypoint_bench_evlog");

const pg = (await import("pg")).default;
const sql = new pg.Pool({ connectionString: database.url, max: 2 });
const { db } = await import("@/lib/db/client");
const { Prisma } = await import("@/lib/db/generated/client");
const { listEventLog } = await import("@/lib/event-log/list-events");
const { deliveriesFirstSql, eventsFirstSql, firstWindow, startsFromDeliveries } = await import("@/lib/event-log/find-events");
type Filter = import("@/lib/event-log/filter").EventLogFilter;

let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await db.$disconnect().catch(() => {});
  await sql.end().catch(() => {});
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  log(`database ${database.name} dropped`);
}
process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));

type Case = { name: string; partner: string; filter: Filter };

function matrix(partners: { id: string; name: string }[]): Case[] {
  const now = Date.now();
  const ago = (h: number) => new Date(now - h * 3_600_000);
  const [big, growth, routed, none] = partners.map((p) => p.id) as [string, string, string, string];
  const cases: Case[] = [{ name: "no filter", partner: big, filter: {} }];
  for (const type of ["order_confirmed", "out_for_delivery", "delivered", "delivery_failed", "return_initiated"] as const) {
    cases.push({ name: `type=${type}`, partner: big, filter: { type } });
  }
  for (const status of ["dead_lettered", "retrying", "pending", "delivered"] as const) {
    cases.push({ name: `status=${status}`, partner: big, filter: { status } });
  }
  for (const [label, hours] of [["1h", 1], ["24h", 24], ["7d", 168]] as const) cases.push({ name: `range=${label}`, partner: big, filter: { from: ago(hours) } });
  cases.push(
    { name: "custom 12d..10d ago", partner: big, filter: { from: ago(288), to: ago(240) } },
    { name: "type=delivered & status=dead_lettered", partner: big, filter: { type: "delivered", status: "dead_lettered" } },
    { name: "status=dead_lettered & 24h", partner: big, filter: { status: "dead_lettered", from: ago(24) } },
    { name: "status=dead_lettered & 7d", partner: big, filter: { status: "dead_lettered", from: ago(168) } },
    { name: "status=dead_lettered & 4d..2d ago", partner: big, filter: { status: "dead_lettered", from: ago(96), to: ago(48) } },
    { name: "status=retrying & 7d", partner: big, filter: { status: "retrying", from: ago(168) } },
    { name: "status=pending & 1h", partner: big, filter: { status: "pending", from: ago(1) } },
    { name: "type=out_for_delivery & 7d", partner: big, filter: { type: "out_for_delivery", from: ago(168) } },
    { name: "type=delivery_failed & delivered & 7d", partner: big, filter: { type: "delivery_failed", status: "delivered", from: ago(168) } },
    { name: "growth: no filter", partner: growth, filter: {} },
    { name: "growth: status=dead_lettered", partner: growth, filter: { status: "dead_lettered" } },
    { name: "routed: status=delivered", partner: routed, filter: { status: "delivered" } },
    { name: "routed: type=return_initiated & delivered", partner: routed, filter: { type: "return_initiated", status: "delivered" } },
    { name: "no endpoints: status=dead_lettered", partner: none, filter: { status: "dead_lettered" } },
  );
  return cases;
}

async function time(c: Case): Promise<{ ms: number; rows: number }> {
  const started = process.hrtime.bigint();
  const page = await listEventLog(c.partner, c.filter);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows: page.events.length };
}

// The first pass of the plan listEventLog picks (deliveries first: its first window).
async function explain(c: Case): Promise<string> {
  const query = startsFromDeliveries(c.filter) ? deliveriesFirstSql(c.partner, c.filter, 500, firstWindow(c.filter)) : eventsFirstSql(c.partner, c.filter, 500);
  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
  return plan.map((r) => r["QUERY PLAN"]).join("\n");
}

try {
  log(`seeding ${fmtNum(EVENTS)} events…`);
  const seeded = await seedMillionEvents(sql, EVENTS);
  log(`seeded ${fmtNum(seeded.events)} events and ${fmtNum(seeded.deliveries)} deliveries in ${seeded.seconds.toFixed(1)} s (${JSON.stringify(seeded.byStatus)}), ANALYZEd`);
  for (const p of seeded.partners) log(`  ${p.name}: ${fmtNum(p.events)} events, ${p.endpoints.length} endpoint(s)`);

  const cases = matrix(seeded.partners);
  const loadBefore = os.loadavg()[0]!;
  const results: { case: Case; rows: number; summary: Summary }[] = [];
  const all: number[] = [];
  for (const c of cases) {
    for (let i = 0; i < WARMUP; i++) await time(c);
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await time(c);
      samples.push(r.ms);
      rows = r.rows;
    }
    all.push(...samples);
    results.push({ case: c, rows, summary: summarize(samples) });
  }
  const overall = summarize(all);
  const rowsOut = results.map((r) => [r.case.name, fmtNum(r.rows), fmtMs(r.summary.p50), fmtMs(r.summary.p95), fmtMs(r.summary.p99), fmtMs(r.summary.max)]);
  rowsOut.push(["overall", fmtNum(all.length), fmtMs(overall.p50), fmtMs(overall.p95), fmtMs(overall.p99), fmtMs(overall.max)]);
  const load = `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;
  console.log(`\nEvent Log query (listEventLog, both round trips), ${fmtNum(seeded.events)} events / ${fmtNum(seeded.deliveries)} deliveries, ${RUNS} runs per filter after ${WARMUP} warm-up runs; ${load}:\n`);
  console.log(table(["filter", "rows", "p50", "p95", "p99", "max"], rowsOut));
  const worstP95 = Math.max(...results.map((r) => r.summary.p95));
  const verdict = overall.p95 < TARGET_P95_MS && worstP95 < TARGET_P95_MS ? "MET" : "NOT MET";
  console.log(`\ntarget p95 < ${TARGET_P95_MS} ms: ${verdict} (overall p95 ${fmtMs(overall.p95)}, worst filter p95 ${fmtMs(worstP95)})`);

  const slowest = [...results].sort((a, b) => b.summary.p95 - a.summary.p95).slice(0, 2);
  for (const s of slowest) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of "${s.case.name}" (p95 ${fmtMs(s.summary.p95)}):\n${await explain(s.case)}`);

  await mkdir(path.resolve("bench/results"), { recursive: true });
  await writeFile(
    path.resolve("bench/results/event-log-query.json"),
    JSON.stringify({ at: new Date().toISOString(), load, events: seeded.events, deliveries: seeded.deliveries, runs: RUNS, overall, perFilter: results.map((r) => ({ filter: r.case.name, rows: r.rows, ...r.summary })) }, null, 2),
  );
} finally {
  await cleanup();
}
