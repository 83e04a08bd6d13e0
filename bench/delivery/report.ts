// The printed report: one table of every phase against its target, the isolation detail, CPU
// costs, engine warnings and anomalies. Also fills report.summary for bench/results/delivery.json.
import { loadAverage } from "../lib/cpu";
import { fmtMs, fmtNum, fmtPct, fmtRate, table, type Summary } from "../lib/stats";
import { benchStart, BURST_CONCURRENCY, ENDPOINTS, engineOptionsLabel, ingestPath, OPEN_LOOP_CAP, report, SLOW_HOLD_MS, SLOW_MS, STEADY_RATE, TARGETS, WHAT_IF_MAX_SOCKETS, ISO_RATE, ISO_SECONDS } from "./harness";
import type { CpuReport } from "./measure";
import type { backlogPhase } from "./phases/backlog";
import type { fanOutPhase } from "./phases/fan-out";
import type { isolationPhase } from "./phases/isolation";
import type { rawPhase } from "./phases/raw";

export type Machine = { cores: number; cpu: string; memoryGb: number; node: string; postgres: string; platform: string; loadAverageAtStart: number[] };
type Results = {
  machine: Machine;
  raw: Awaited<ReturnType<typeof rawPhase>>;
  steady: Awaited<ReturnType<typeof fanOutPhase>>;
  burst: Awaited<ReturnType<typeof fanOutPhase>>;
  backlog: Awaited<ReturnType<typeof backlogPhase>>;
  isoBase: Awaited<ReturnType<typeof isolationPhase>>;
  isoSlow: Awaited<ReturnType<typeof isolationPhase>>;
  isoWhatIf: Awaited<ReturnType<typeof isolationPhase>>;
};

export function printReport({ machine, raw, steady, burst, backlog, isoBase, isoSlow, isoWhatIf }: Results) {
  const burstRatio = burst.deliveries.perSec / raw.perSec;
  const backlogRatio = backlog.deliveries.perSec / raw.perSec;
  const deltaShipped = isoSlow.fast.latency.p95 - isoBase.fast.latency.p95;
  const deltaWhatIf = isoWhatIf.fast.latency.p95 - isoBase.fast.latency.p95;
  const verdict = (ok: boolean) => (ok ? "ok" : "MISS");
  const costPer = (pct: number, wallMs: number, n: number) => (pct * wallMs) / 100 / Math.max(1, n);
  // EmbeddedEngine logs "delivery attempt crashed…" when performDeliveryAttempt throws.
  const crashes = (c: CpuReport) => Object.entries(c.engineLog).reduce((sum, [kind, n]) => (kind.includes("crashed") ? sum + n : sum), 0);
  const lat = (s: Summary) => `${fmtMs(s.p50)} / ${fmtMs(s.p95)} / ${fmtMs(s.p99)}`;
  const cpuCell = (c: CpuReport) => `${c.mainPct}/${c.enginePct}/${c.postgresPct} · ${c.othersPct}`;
  const sliceNote = (phase: typeof isoSlow) =>
    phase.fast.slices.map((x) => `${x.fromS}-${x.toS} s ${fmtMs(x.p95)}${x.missing ? ` (+${x.missing} not arrived)` : ""}`).join(" · ");
  const slowNote = (s: NonNullable<typeof isoSlow.slow>) =>
    `slow lane during the window: engine in flight median ${s.engineInFlightDuringWindow.median} (max ${s.engineInFlightDuringWindow.max}), ` +
    `open at the slow receiver median ${s.receiverOpenDuringWindow.median} (max ${s.receiverOpenDuringWindow.max}); ` +
    `slow attempts recorded ${fmtNum(SLOW_HOLD_MS / 1000, 0)} s after fill: ${s.attemptOutcomes.map((o) => `${o.success ? "ok" : (o.errorClass ?? "failed")} ${o.count}`).join(", ") || "none"}`;

  const rows: string[][] = [
    ["raw ceiling", `POST/s (${raw.concurrency} concurrent, ${raw.bodyBytes} B body, keep-alive)`, fmtRate(raw.perSec), "", "", cpuCell(raw.cpu)],
    ["", "request latency p50 / p95", `${fmtMs(raw.latency.p50)} / ${fmtMs(raw.latency.p95)}`, "", "", ""],
    ["steady", `events/s accepted (${steady.ingest.accepted}/${steady.events} at ${STEADY_RATE}/s)`, fmtRate(steady.ingest.acceptedPerSec), `${STEADY_RATE}/s`, fmtPct(steady.ingest.acceptedPerSec / STEADY_RATE), cpuCell(steady.ingest.cpu)],
    ["", `deliveries/s completed (${steady.deliveries.delivered}/${steady.expectedDeliveries})`, fmtRate(steady.deliveries.perSec), `${STEADY_RATE * ENDPOINTS}/s`, `${fmtPct(steady.deliveries.perSec / (STEADY_RATE * ENDPOINTS))}; ${fmtPct(steady.deliveries.perSec / raw.perSec)} of raw`, cpuCell(steady.cpu)],
    ["", "ingest→first attempt p50 / p95 / p99", lat(steady.latency), `p95 ≤ ${TARGETS.steadyP95Ms} ms`, verdict(steady.latency.p95 <= TARGETS.steadyP95Ms), ""],
    ["", "ingest request p50 / p95", `${fmtMs(steady.ingest.requestMs.p50)} / ${fmtMs(steady.ingest.requestMs.p95)}`, "", "", ""],
    ["", "attempts crashed (lease held 30 s) / duplicate arrivals", `${fmtNum(crashes(steady.cpu))} / ${fmtNum(steady.deliveries.repeats)}`, "0 / 0", verdict(crashes(steady.cpu) + steady.deliveries.repeats === 0), ""],
    ["burst", `events/s accepted (${burst.ingest.accepted}/${burst.events}, ${BURST_CONCURRENCY} in flight)`, fmtRate(burst.ingest.acceptedPerSec), "", "", cpuCell(burst.ingest.cpu)],
    ["", `deliveries/s completed (${burst.deliveries.delivered}/${burst.expectedDeliveries})`, fmtRate(burst.deliveries.perSec), `≥ ${fmtPct(TARGETS.burstRatio)} of raw`, `${fmtPct(burstRatio)} ${verdict(burstRatio >= TARGETS.burstRatio)}`, cpuCell(burst.cpu)],
    ["", "deliveries/s ÷ (accepted events/s × endpoints)", fmtPct(burst.deliveries.perSec / (burst.ingest.acceptedPerSec * ENDPOINTS)), "", "100% = keeps up", ""],
    ["", "ingest→first attempt p50 / p95 / p99", lat(burst.latency), "", "", ""],
    ["", "ingest request p50 / p95", `${fmtMs(burst.ingest.requestMs.p50)} / ${fmtMs(burst.ingest.requestMs.p95)}`, "", "", ""],
    ["", "attempts crashed (lease held 30 s) / duplicate arrivals", `${fmtNum(crashes(burst.cpu))} / ${fmtNum(burst.deliveries.repeats)}`, "0 / 0", verdict(crashes(burst.cpu) + burst.deliveries.repeats === 0), ""],
    ["backlog", `events accepted with the engine stopped (${backlog.ingest.accepted}/${backlog.events})`, fmtRate(backlog.ingest.acceptedPerSec), "", "", ""],
    ["", `engine start → ${backlog.deliveries.delivered}/${backlog.expectedDeliveries} delivered: deliveries/s`, fmtRate(backlog.deliveries.perSec), `≥ ${fmtPct(TARGETS.burstRatio)} of raw`, `${fmtPct(backlogRatio)} ${verdict(backlogRatio >= TARGETS.burstRatio)}`, cpuCell(backlog.cpu)],
    ["", "attempts crashed / duplicate arrivals", `${fmtNum(crashes(backlog.cpu))} / ${fmtNum(backlog.deliveries.repeats)}`, "0 / 0", verdict(crashes(backlog.cpu) + backlog.deliveries.repeats === 0), ""],
    ["isolation", `baseline: fast endpoint ${ISO_RATE}/s × ${ISO_SECONDS} s, p50/p95/p99`, lat(isoBase.fast.latency), "", "", cpuCell(isoBase.cpu)],
    ["", "+ slow backlog, agent as shipped: p50/p95/p99", lat(isoSlow.fast.latency), "", "", cpuCell(isoSlow.cpu)],
    ["", "  Δ p95 vs baseline", fmtMs(deltaShipped), `≤ ${TARGETS.isolationDeltaMs} ms`, verdict(deltaShipped <= TARGETS.isolationDeltaMs), ""],
    ["", "  attempts crashed (slow + fast)", fmtNum(crashes(isoSlow.cpu)), "0", verdict(crashes(isoSlow.cpu) === 0), ""],
    ["", `+ slow backlog, what-if maxSockets ${WHAT_IF_MAX_SOCKETS}: p50/p95/p99`, lat(isoWhatIf.fast.latency), "", "", cpuCell(isoWhatIf.cpu)],
    ["", "  Δ p95 vs baseline", fmtMs(deltaWhatIf), `≤ ${TARGETS.isolationDeltaMs} ms`, verdict(deltaWhatIf <= TARGETS.isolationDeltaMs), ""],
    ["", "  attempts crashed (slow + fast)", fmtNum(crashes(isoWhatIf.cpu)), "0", verdict(crashes(isoWhatIf.cpu) === 0), ""],
  ];

  const anomalies: string[] = [];
  if (backlog.deliveries.delivered < backlog.expectedDeliveries) anomalies.push(`backlog: only ${backlog.deliveries.delivered}/${backlog.expectedDeliveries} delivered within the drain timeout`);
  if (backlog.deliveries.repeats) anomalies.push(`backlog: ${backlog.deliveries.repeats} duplicate arrivals at the receiver`);
  if (backlog.deliveries.failedAttempts) anomalies.push(`backlog: ${backlog.deliveries.failedAttempts} failed attempts`);
  for (const [name, phase] of [["steady", steady], ["burst", burst]] as const) {
    if (phase.ingest.failures) anomalies.push(`${name}: ${phase.ingest.failures} ingest failures (first: ${phase.ingest.firstFailure})`);
    if (phase.ingest.maxOutstanding >= OPEN_LOOP_CAP && name === "steady") anomalies.push(`${name}: ingest fell behind (${OPEN_LOOP_CAP} requests outstanding)`);
    if (phase.ingest.cutShort) anomalies.push(`${name}: ingest stopped early at its time bound (${phase.ingest.accepted}/${phase.events} accepted)`);
    if (phase.deliveries.delivered < phase.expectedDeliveries) anomalies.push(`${name}: only ${phase.deliveries.delivered}/${phase.expectedDeliveries} delivered within the drain timeout`);
    if (phase.deliveries.failedAttempts) anomalies.push(`${name}: ${phase.deliveries.failedAttempts} failed attempts`);
    if (phase.deliveries.repeats) anomalies.push(`${name}: ${phase.deliveries.repeats} duplicate arrivals at the receiver`);
  }
  for (const phase of [isoBase, isoSlow, isoWhatIf]) {
    if (phase.ingest.failures) anomalies.push(`${phase.label}: ${phase.ingest.failures} ingest failures`);
    if (phase.fast.notDelivered) anomalies.push(`${phase.label}: ${phase.fast.notDelivered} fast deliveries not delivered`);
  }
  if (raw.failed) anomalies.push(`raw: ${raw.failed} failed requests`);
  const engineErrors: string[] = [];
  const errorTotals = new Map<string, number>();
  for (const [name, c] of [["steady", steady.cpu], ["burst", burst.cpu], ["backlog", backlog.cpu], ["iso-baseline", isoBase.cpu], ["iso-slow", isoSlow.cpu], ["iso-what-if", isoWhatIf.cpu]] as const) {
    for (const [kind, n] of Object.entries(c.engineLog)) {
      engineErrors.push(`${name}: ${n} × ${kind}`);
      errorTotals.set(kind, (errorTotals.get(kind) ?? 0) + n);
    }
  }
  const busiestNeighbour = Math.max(raw.cpu.othersPct, steady.cpu.othersPct, burst.cpu.othersPct, isoBase.cpu.othersPct, isoSlow.cpu.othersPct, isoWhatIf.cpu.othersPct);
  report.summary = { burstRatio, backlogRatio, isolationDeltaP95Ms: deltaShipped, isolationDeltaP95MsWhatIf: deltaWhatIf, targets: TARGETS, anomalies, engineErrors, busiestNeighbourPct: busiestNeighbour, loadAverageAtEnd: loadAverage(), totalSeconds: (Date.now() - benchStart) / 1000 };

  const out = [
    "",
    `Waypoint delivery bench · ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB · Node ${machine.node} · PostgreSQL ${machine.postgres} · load avg at start ${machine.loadAverageAtStart.join(" ")}`,
    `ingest: ${ingestPath.description.split(" (")[0]} (+Idempotency-Key)`,
    `engine: EmbeddedEngine in a child process, ${engineOptionsLabel} · receivers: lib/receiver in the bench process`,
    "",
    table(["phase", "metric", "value", "target", "ratio / verdict", "CPU % main/engine/pg · others"], rows),
    "",
    `isolation, as shipped: ${slowNote(isoSlow.slow!)}`,
    `isolation, what-if:    ${slowNote(isoWhatIf.slow!)}`,
    `fast endpoint p95 per 2 s of the window (window starts ≈${fmtNum((isoSlow.windowStartAfterFillMs ?? 0) / 1000, 1)} s after the slow lane filled; the first slow answers return ${SLOW_MS / 1000} s after they went out):`,
    `  baseline ${sliceNote(isoBase)}`,
    `  as shipped ${sliceNote(isoSlow)}`,
    `  what-if ${sliceNote(isoWhatIf)}`,
    `CPU: % of one core over the phase (${machine.cores} cores = ${machine.cores * 100}%); "others" = rest of the machine${busiestNeighbour > 25 ? ` — WARNING: up to ${busiestNeighbour}% used by other processes, numbers are contaminated` : ""}`,
    `CPU cost over the backlog drain: engine ${fmtNum(costPer(backlog.cpu.enginePct, backlog.cpu.wallMs, backlog.deliveries.delivered), 2)} ms/delivery · ` +
      `our Postgres backends ${fmtNum(costPer(backlog.cpu.postgresPct, backlog.cpu.wallMs, backlog.deliveries.delivered), 2)} ms/delivery · this process (receivers) ${fmtNum(costPer(backlog.cpu.mainPct, backlog.cpu.wallMs, backlog.deliveries.delivered), 2)} ms/delivery`,
    `CPU cost over the burst phase: this process (ingest + receivers) ${fmtNum(costPer(burst.cpu.mainPct, burst.cpu.wallMs, burst.ingest.accepted), 1)} ms/event · ` +
      `engine ${fmtNum(costPer(burst.cpu.enginePct, burst.cpu.wallMs, burst.deliveries.delivered), 1)} ms/delivery · ` +
      `our Postgres backends ${fmtNum(costPer(burst.cpu.postgresPct, burst.cpu.wallMs, burst.ingest.accepted), 1)} ms/event incl. its ${ENDPOINTS} deliveries · pg commits/s ≈ ${burst.cpu.pgCommitsPerSec}`,
    `engine warnings/errors (all phases; per phase in the JSON): ${errorTotals.size ? [...errorTotals].map(([k, n]) => `${fmtNum(n)} × ${k}`).join("; ") : "none"}`,
    `anomalies: ${anomalies.length ? anomalies.join("; ") : "none (every delivery delivered exactly once, no failed attempts, no ingest errors)"}`,
    `total ${fmtNum((Date.now() - benchStart) / 1000, 1)} s · load avg at end ${loadAverage().join(" ")} · JSON: bench/results/delivery.json`,
    "",
  ];
  process.stdout.write(out.join("\n"));
}
