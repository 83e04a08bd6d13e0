import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fmtNum, table } from "../lib/stats";
import { config } from "./config";
import type { PhaseResult } from "./measure";
import type { Ceilings } from "./phase-ceilings";
import type { KillResult } from "./phase-kill";
import type { SlowResult } from "./phase-slow";

// The run as a table on stdout and as JSON in bench/results/http.json (the previous run is kept as
// http.previous.json and compared line by line).

export type Report = {
  at: string;
  topology: { web: number; workers: number; description: string };
  machine: { cores: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[]; postgres?: Record<string, string> };
  config: typeof config;
  ceilings?: Ceilings;
  steady: PhaseResult[];
  /** Steady phases between the listed rates, looking for the highest that meets the target. */
  search?: PhaseResult[];
  slow?: SlowResult;
  kill?: KillResult;
  highestRateMeetingTarget?: { rate: number | null; shareOfBareRoute: number | null };
  error?: string;
};

const RESULTS = path.join(process.cwd(), "bench", "results");
const FILE = path.join(RESULTS, "http.json");
const PREVIOUS = path.join(RESULTS, "http.previous.json");

const ms = (v: number) => (Number.isFinite(v) ? fmtNum(v, v < 10 ? 1 : 0) : "n/a");
const trio = (p: { p50: number; p95: number; p99: number }) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;
const cpuText = (r: PhaseResult) => {
  const c = r.cpu.percentOfOneCore;
  const parts = Object.entries(c).filter(([k]) => k !== "bench main").map(([k, v]) => `${k.replace("worker ", "w")} ${v}`);
  return parts.join(", ");
};
const loadText = (r: PhaseResult) => `${r.cpu.loadAverage.start[0]}→${r.cpu.loadAverage.end[0]}`;

export function phaseRows(results: PhaseResult[]): string[][] {
  return results.map((r) => [
    r.label,
    `${fmtNum(r.acceptedPerSec, 1)} (${fmtNum((100 * r.accepted) / Math.max(1, r.offered), 0)}%)`,
    trio(r.ingestMs),
    trio(r.arrivalMs),
    fmtNum(r.deliveriesPerSec),
    `${r.lost} / ${r.duplicates}`,
    fmtNum(r.backlogAtEnd),
    cpuText(r),
    `${r.cpu.othersPct}%`,
    loadText(r),
  ]);
}

const HEADER = ["phase", "accepted/s", "ingest HTTP p50/p95/p99 ms", "ingest→first arrival p50/p95/p99 ms", "deliv/s", "lost/dup", "backlog@end", "CPU % of one core", "others", "load 1m"];

export function render(report: Report, previous: Report | null): string {
  const lines: string[] = [];
  lines.push(`bench:http — ${report.at}, ${report.machine.cores} cores, topology: ${report.topology.description}`);
  if (report.machine.postgres) lines.push(`PostgreSQL: ${Object.entries(report.machine.postgres).map(([k, v]) => `${k} ${v}`).join(", ")} (each phase starts after a VACUUM ANALYZE, a CHECKPOINT and a quiet second)`);
  lines.push(`load average at start ${report.machine.loadAverageAtStart.join(" ")}, at end ${report.machine.loadAverageAtEnd.join(" ")} (figures taken above ~2.5 are inflated by other work on the box; "others" = CPU used by processes not in this bench)`);
  if (report.ceilings) {
    const c = report.ceilings;
    lines.push(
      `ceilings (same run): bare route handler ${fmtNum(c.bareRoute.perSecond)} requests/s (401 before any database work, ${config.ceilingConnections} connections); ` +
        `raw keep-alive POST to the receiver ${fmtNum(c.rawPost.perSecond)}/s; load ${c.cpu.loadAverage.end[0]}, others ${c.cpu.othersPct}%`,
    );
  }
  const rows = phaseRows([...report.steady, ...(report.search ?? []), ...(report.slow ? [report.slow] : []), ...(report.kill ? [report.kill] : [])]);
  lines.push("", table(HEADER, rows));
  if (report.slow) {
    const s = report.slow;
    const base = report.steady.find((r) => r.rate === s.rate);
    const slowP = s.arrivalByPathMs[s.slowPath]!;
    lines.push(
      "",
      `slow endpoint (${s.slowPath} answers after ${config.slowEndpointMs / 1000} s): the other endpoints' arrival p95 ${ms(s.arrivalMs.p95)} ms` +
        (base ? ` (steady at ${s.rate}/s: ${ms(base.arrivalMs.p95)} ms, Δ ${ms(s.arrivalMs.p95 - base.arrivalMs.p95)} ms; target ≤ 50)` : "") +
        `, ingest p95 ${ms(s.ingestMs.p95)} ms` +
        (base ? ` (Δ ${ms(s.ingestMs.p95 - base.ingestMs.p95)} ms; target ≤ 20)` : "") +
        `; the slow endpoint's own arrival p50 ${ms(slowP.p50)} ms`,
    );
  }
  if (report.kill) {
    const k = report.kill;
    lines.push(
      "",
      `kill -9 of ${k.killed.role} at ${(k.killed.atMs / 1000).toFixed(1)} s: ${k.pendingAtKill} deliveries of events accepted before the kill were pending; ` +
        `all of them arrived ${k.allPreKillArrivedAfterMs === null ? "n/a" : `${fmtNum(k.allPreKillArrivedAfterMs)} ms`} after the kill (target ≤ 15,000); ` +
        `lost ${k.lost}; duplicates ${k.duplicatesResentAfterKill} re-sent after the kill (attempts the killed process made but had not recorded) + ${k.duplicatesRetriedAfterFailure ?? 0} retried after an attempt recorded as failed + ${k.duplicatesOther} unexplained (two sends of one attempt); ` +
        `${k.killed.role} back after ${k.restartedAfterMs === null ? "n/a" : `${fmtNum(k.restartedAfterMs)} ms`}; ingest requests failed ${k.ingestFailures}`,
    );
  }
  if (report.highestRateMeetingTarget) {
    const h = report.highestRateMeetingTarget;
    lines.push(
      "",
      `highest offered rate with ingest→arrival p95 ≤ ${config.targetP95Ms} ms and p99 ≤ ${config.targetP99Ms} ms and 100% accepted: ` +
        (h.rate === null ? "none" : `${h.rate} orders/s${h.shareOfBareRoute === null ? "" : ` = ${fmtNum(100 * h.shareOfBareRoute, 0)}% of the bare-route ceiling (target ≥ 40%)`}`),
    );
  }
  if (previous) {
    const rows2: string[][] = [];
    for (const r of report.steady) {
      const p = previous.steady.find((x) => x.rate === r.rate);
      if (!p) continue;
      rows2.push([`steady ${r.rate}/s`, `${fmtNum(p.acceptedPerSec, 1)} → ${fmtNum(r.acceptedPerSec, 1)}`, `${ms(p.ingestMs.p95)} → ${ms(r.ingestMs.p95)}`, `${ms(p.arrivalMs.p95)} → ${ms(r.arrivalMs.p95)}`, `${ms(p.arrivalMs.p99)} → ${ms(r.arrivalMs.p99)}`, `${p.cpu.loadAverage.end[0]} → ${r.cpu.loadAverage.end[0]}`]);
    }
    if (rows2.length) lines.push("", `compared with the previous run (${previous.at}, ${previous.topology.description}):`, table(["phase", "accepted/s", "ingest p95", "arrival p95", "arrival p99", "load 1m"], rows2));
  }
  return lines.join("\n");
}

export async function readPrevious(): Promise<Report | null> {
  try {
    return JSON.parse(await readFile(FILE, "utf8")) as Report;
  } catch {
    return null;
  }
}

export async function writeReport(report: Report) {
  await mkdir(RESULTS, { recursive: true });
  if (existsSync(FILE)) await copyFile(FILE, PREVIOUS);
  await writeFile(FILE, `${JSON.stringify(report, null, 2)}\n`);
  return path.relative(process.cwd(), FILE);
}
