// `npm run bench:http`: throughput and latency where users meet them. The production build served
// by `npm start`'s topology (scripts/start.ts) on a fresh PostgreSQL database, a local receiver
// with five endpoints, an open-loop client posting orders over HTTP; each in its own process.
// Phases: the machine's ceilings, steady load at each offered rate, a search between the rates for
// the highest that meets the target, one endpoint answering after 5 s, and kill -9 of the
// process holding deliveries mid-run. Prints a table and writes bench/results/http.json (the
// previous run is compared). Not a test: figures, not assertions.
//
// BENCH_SECONDS (60) · BENCH_RATES (50,100,200,400) · BENCH_PHASES (ceilings,steady,search,slow,kill)
// BENCH_SEARCH_STEPS (2; 0: no search between the highest rate meeting the target and the next)
// BENCH_SLOW_RATE, BENCH_KILL_RATE (100) · BENCH_WORKERS (WAYPOINT_WORKERS; unset: npm start's
// default) · BENCH_REUSE_BUILD=1 (skip `next build` when .next-bench-http has one) · BENCH_PORT.
import os from "node:os";
import { loadAverage } from "../lib/cpu";
import { config } from "./config";
import { measureCeilings } from "./phase-ceilings";
import { killMidRun } from "./phase-kill";
import { slowEndpoint } from "./phase-slow";
import { meetsTarget, searchLimit, steadyRates, warmUp } from "./phase-steady";
import { readPrevious, render, writeReport, type Report } from "./report";
import { createWorld, log } from "./world";

const loadAtStart = loadAverage();
log(`load average ${loadAtStart.join(" ")} on ${os.cpus().length} cores; phases ${config.phases.join(", ")}; ${config.seconds} s per phase; rates ${config.rates.join(", ")}`);
const world = await createWorld();
let interrupted = false;
// Whatever goes wrong (another run restarting the shared Postgres), the database and the app go.
process.once("uncaughtException", (err) => {
  log(`uncaught: ${err.stack ?? err.message}`);
  void world.cleanup().finally(() => process.exit(1));
});
process.once("SIGINT", () => {
  interrupted = true;
  log("interrupted; cleaning up");
  void world.cleanup().finally(() => process.exit(130));
});

const report: Report = {
  at: new Date().toISOString(),
  topology: {
    web: 1,
    workers: world.topology.workers,
    description: world.topology.workers
      ? `npm start: 1 web process (next start, BACKGROUND_WORK=off) + ${world.topology.workers} delivery worker(s)`
      : "npm start: 1 web process (next start) running the delivery engine itself",
  },
  machine: { cores: os.cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: [] },
  config,
  steady: [],
};

try {
  const { rows } = await world.sql.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'autovacuum', 'synchronous_commit', 'shared_buffers') ORDER BY name`,
  );
  report.machine.postgres = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  await warmUp(world);
  if (config.phases.includes("ceilings")) report.ceilings = await measureCeilings(world);
  if (config.phases.includes("steady")) report.steady = await steadyRates(world);
  if (config.phases.includes("search")) report.search = await searchLimit(world, report.steady);
  if (config.phases.includes("slow")) report.slow = await slowEndpoint(world);
  if (config.phases.includes("kill")) report.kill = await killMidRun(world);
  const meeting = [...report.steady, ...(report.search ?? [])].filter(meetsTarget);
  const best = meeting.length ? Math.max(...meeting.map((r) => r.rate)) : null;
  if (report.steady.length) {
    report.highestRateMeetingTarget = { rate: best, shareOfBareRoute: best !== null && report.ceilings ? best / report.ceilings.bareRoute.perSecond : null };
  }
} catch (error) {
  report.error = (error as Error).stack ?? String(error);
  log(`failed: ${report.error}`);
} finally {
  if (!interrupted) {
    report.machine.loadAverageAtEnd = loadAverage();
    const appLog = Object.fromEntries(world.topology.logCounts);
    if (Object.keys(appLog).length) log(`app warnings/errors: ${JSON.stringify(appLog).slice(0, 1500)}`);
    const previous = await readPrevious();
    console.log(`\n${render(report, previous)}\n`);
    log(`written to ${await writeReport({ ...report, appLog } as Report)}`);
    await world.cleanup();
  }
}
process.exit(report.error ? 1 : 0);
