// Delivery engine benchmark: `npm run bench:delivery`. Not a test; prints a report and writes
// bench/results/delivery.json. Runs against a fresh database on the local PostgreSQL server
// (dropped at the end) and local receivers (lib/receiver/server.ts) on 127.0.0.1.
//
// Layout (2 processes, like a deployment with a separate delivery worker):
//   this process  - ingest: POST /api/v1/orders's handler called in-process with a Request (our
//                   code, not Next's router/HTTP server; see loadIngestHandler); the receivers.
//   engine child  - bench/lib/engine-child.ts: EmbeddedEngine with the lib defaults, woken by
//                   LISTEN/NOTIFY from the ingest transactions; also runs the raw HTTP ceiling.
//
// Phases: warm-up, raw ceiling, steady, burst, backlog drain (engine stopped while the burst is accepted,
// then started), isolation (baseline, slow backlog with the agent
// as shipped, and a what-if run with the keep-alive agent's maxSockets raised in the child only).
//
// Files: bench/delivery/harness.ts (parameters, environment, database, clean-up), fixtures.ts,
// ingest.ts, measure.ts, one file per phase in bench/delivery/phases/, report.ts (the table).
// ---------------------------------------------------------------------------------------------
import os from "node:os";
import { loadAverage } from "./lib/cpu";
import { fmtMs, fmtNum, fmtRate, round } from "./lib/stats";
import { cleanup, deadline, engineOptionsLabel, ENGINE_OPTIONS, ingestPath, log, RAW_COUNT, report, setChild, sql, WHAT_IF_MAX_SOCKETS, writeReport } from "./delivery/harness";
import { spawnEngine, warmUp } from "./delivery/fixtures";
import { backlogPhase } from "./delivery/phases/backlog";
import { fanOutPhase } from "./delivery/phases/fan-out";
import { isolationPhase } from "./delivery/phases/isolation";
import { rawPhase } from "./delivery/phases/raw";
import { printReport } from "./delivery/report";

// ---------------------------------------------------------------------------------------------
// Run

let exitCode = 0;
try {
  const { rows: versionRows } = await sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: versionRows[0]?.v ?? "?",
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: loadAverage(),
  };
  report.machine = machine;
  report.setup = {
    ingest: `${ingestPath.description}; no Next router/HTTP server; Idempotency-Key on every request`,
    engine: `EmbeddedEngine in a child process (${engineOptionsLabel}; at the time of writing maxInFlight 2000, maxPerEndpoint 1000, leaseMs 30 s, pollMs 1 s), woken by LISTEN/NOTIFY`,
    engineOptions: ENGINE_OPTIONS,
    receivers: "lib/receiver/server.ts in the bench process, one per phase, 127.0.0.1",
  };

  let child = await spawnEngine("A");
  setChild(child);
  const libMaxSockets = child.agentMaxSockets ?? 256;
  log(`engine child A (pid ${child.pid}) up; lib http agent maxSockets = ${child.agentMaxSockets}`);
  const sample = await warmUp("A");
  log(`warm-up done; webhook body ${Buffer.byteLength(sample.body)} B`);

  // Engine → one receiver (host:port) is capped by the keep-alive agent: the raw run uses the same cap.
  const raw = await rawPhase(sample, libMaxSockets);
  report.raw = raw;
  log(`raw: ${fmtRate(raw.perSec)} (${raw.ok}/${RAW_COUNT} ok, ${raw.concurrency} concurrent)`);

  const steady = await fanOutPhase("steady");
  report.steady = steady;
  log(`steady: accepted ${fmtRate(steady.ingest.acceptedPerSec)}, delivered ${fmtRate(steady.deliveries.perSec)}, p95 ${fmtMs(steady.latency.p95)}`);

  const burst = await fanOutPhase("burst");
  report.burst = burst;
  log(`burst: accepted ${fmtRate(burst.ingest.acceptedPerSec)}, delivered ${fmtRate(burst.deliveries.perSec)}, p95 ${fmtMs(burst.latency.p95)}`);

  const backlog = await backlogPhase();
  report.backlog = backlog;
  log(`backlog: ${backlog.deliveries.delivered} delivered in ${fmtNum(backlog.deliveries.drainMs / 1000, 2)} s = ${fmtRate(backlog.deliveries.perSec)}`);

  const isoBase = await isolationPhase("iso-baseline", false);
  log(`isolation baseline: fast p95 ${fmtMs(isoBase.fast.latency.p95)}`);
  const isoSlow = await isolationPhase("iso-slow", true);
  log(`isolation slow (agent as shipped): fast p95 ${fmtMs(isoSlow.fast.latency.p95)}`);
  await child.close();
  setChild(null);

  // What-if: the same slow run with the delivery agent's maxSockets raised (patched in the child
  // only; lib is unchanged), to show what 1,000 really-open slow requests do.
  child = await spawnEngine("B", { BENCH_AGENT_MAX_SOCKETS: String(WHAT_IF_MAX_SOCKETS) });
  setChild(child);
  log(`engine child B (pid ${child.pid}) up; agent maxSockets patched to ${child.agentMaxSockets}`);
  await warmUp("B", 30);
  const isoWhatIf = await isolationPhase("iso-slow-maxSockets", true);
  log(`isolation slow (maxSockets ${WHAT_IF_MAX_SOCKETS}): fast p95 ${fmtMs(isoWhatIf.fast.latency.p95)}`);
  await child.close();
  setChild(null);

  report.isolation = { baseline: isoBase, slowAsShipped: isoSlow, slowWhatIfMaxSockets: { maxSockets: WHAT_IF_MAX_SOCKETS, ...isoWhatIf } };

  // Report (bench/delivery/report.ts)
  printReport({ machine, raw, steady, burst, backlog, isoBase, isoSlow, isoWhatIf });
} catch (error) {
  exitCode = 1;
  report.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log(`FAILED: ${report.error}`);
} finally {
  await cleanup();
  clearTimeout(deadline);
  await writeReport();
}
process.exit(exitCode);
