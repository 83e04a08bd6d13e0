import { machineBusyMs } from "../lib/cpu";
import { summarize } from "../lib/stats";
import type { LoadResult } from "./client";
import { config } from "./config";
import { log, PATHS, type World } from "./world";

// One load phase: the client's open-loop schedule, then the wait for its deliveries, then the
// figures. Arrivals are matched to requests by webhook-id (= the event id the 201 answered).

export type Arrival = { first: number; count: number; later: number[] };
const arrivals = new Map<string, Arrival>();
const keyOf = (path: string, id: string) => `${path} ${id}`;

/** Takes what the receiver recorded since the last call. */
export async function collectArrivals(world: World) {
  const batch = await world.receiver.call<{ path: string[]; id: string[]; at: number[] }>("take");
  for (let i = 0; i < batch.id.length; i++) {
    const k = keyOf(batch.path[i]!, batch.id[i]!);
    const seen = arrivals.get(k);
    if (!seen) arrivals.set(k, { first: batch.at[i]!, count: 1, later: [] });
    else {
      // Slow answers are reported when answered, so an earlier arrival can come in a later batch.
      seen.count++;
      if (batch.at[i]! < seen.first) {
        seen.later.push(seen.first);
        seen.first = batch.at[i]!;
      } else seen.later.push(batch.at[i]!);
    }
  }
}

export const arrivalOf = (path: string, id: string) => arrivals.get(keyOf(path, id));

export type Pcts = { p50: number; p95: number; p99: number; max: number; n: number };
const pcts = (values: number[]): Pcts => {
  const s = summarize(values);
  const r = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : v);
  return { p50: r(s.p50), p95: r(s.p95), p99: r(s.p99), max: r(s.max), n: s.n };
};

export type PhaseResult = {
  label: string;
  rate: number;
  seconds: number;
  offered: number;
  accepted: number;
  acceptedPerSec: number;
  /** Answers other than 201, by status (-1: connection refused or reset; "not sent": the client's pool was full). */
  failures: Record<string, number>;
  ingestMs: Pcts;
  /** Ingest request (when it was due) → first arrival of each delivery at the receiver (latencyPaths only). */
  arrivalMs: Pcts;
  arrivalByPathMs: Record<string, Pcts>;
  deliveriesPerSec: number;
  expectedDeliveries: number;
  lost: number;
  duplicates: number;
  /** Deliveries of accepted events not yet arrived when the schedule ended. */
  backlogAtEnd: number;
  /** Schedule end → last arrival. */
  drainMs: number;
  cpu: Awaited<ReturnType<World["cpuSince"]>>;
  /** Per second of the schedule (by due time): ingest and arrival p95, to tell a stall from a steady queue. */
  timeline: { second: number; ingestP95: number; arrivalP95: number }[];
  extra?: Record<string, unknown>;
};

export type RunOptions = {
  label: string;
  rate: number;
  seconds: number;
  /** Called once the schedule started, with its start time (ms since the epoch). */
  during?: (startedAt: number) => Promise<void> | void;
  /** Extra time to wait for deliveries (a slow endpoint, a restart). */
  drainSeconds?: number;
  paths?: string[];
  /** The paths whose arrivals make arrivalMs (default all; the slow phase leaves its slow endpoint out). */
  latencyPaths?: string[];
};

let phaseNo = 0;

/** Until the machine used less than a fifth of a core for a whole second (at most 30 s). */
async function waitForQuiet() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const before = await machineBusyMs();
    await new Promise((r) => setTimeout(r, 1000));
    if ((await machineBusyMs()) - before < 200) return;
  }
  log("the machine did not go quiet within 30 s; starting anyway (see this phase's load and others)");
}

export async function runLoad(world: World, opts: RunOptions): Promise<{ result: PhaseResult; load: LoadResult }> {
  const paths = opts.paths ?? PATHS;
  const refPrefix = `P${++phaseNo}-${Date.now().toString(36)}`;
  await collectArrivals(world);
  // Each phase starts from a vacuumed database, as autovacuum would keep it (the shared test
  // server may run with autovacuum off; it is reported in the run's header).
  await world.sql.query(`VACUUM (ANALYZE) "Delivery", "DeliveryAttempt", "OrderEvent", "Order", "RateLimitBucket"`);
  // And after a checkpoint, then a quiet second: a phase after a heavy one otherwise inherits its
  // checkpoint (the WAL of a 400/s phase fills max_wal_size) and its leftover CPU.
  await world.sql.query("CHECKPOINT").catch((e: Error) => log(`no CHECKPOINT before the phase (${e.message})`));
  await waitForQuiet();
  const mark = await world.cpuMark();
  log(`${opts.label}: ${opts.rate} orders/s × ${paths.length} endpoints for ${opts.seconds} s (load average ${mark.load.join(" ")})`);
  const scheduleStart = Date.now();
  const duringDone = opts.during ? (async () => opts.during!(scheduleStart))() : Promise.resolve();
  const load = await world.client.call<LoadResult>("load", {
    url: `http://127.0.0.1:${world.topology.port}/api/v1/orders`,
    key: world.ingestKey,
    rate: opts.rate,
    seconds: opts.seconds,
    refPrefix,
    maxOutstanding: config.maxOutstanding,
  });
  const scheduleEnd = load.startedAt + opts.seconds * 1000;
  const cpu = await world.cpuSince(mark);
  await duringDone;

  const accepted: number[] = [];
  const failures: Record<string, number> = {};
  load.status.forEach((status, i) => {
    if (status === 201 && load.eventId[i]) accepted.push(i);
    else {
      const k = status === 0 ? "not sent" : String(status);
      failures[k] = (failures[k] ?? 0) + 1;
    }
  });

  // Wait for every accepted event at every endpoint (or the drain deadline).
  const expected = accepted.flatMap((i) => paths.map((p) => keyOf(p, load.eventId[i]!)));
  await collectArrivals(world);
  // Held answers (a slow endpoint) are reported when answered: only latencyPaths count here.
  const counted = opts.latencyPaths ? accepted.flatMap((i) => opts.latencyPaths!.map((p) => keyOf(p, load.eventId[i]!))) : expected;
  const backlogAtEnd = counted.filter((k) => !((arrivals.get(k)?.first ?? Infinity) <= scheduleEnd)).length;
  const deadline = Date.now() + (opts.drainSeconds ?? config.drainSeconds) * 1000;
  let missing = expected.filter((k) => !arrivals.has(k));
  while (missing.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    await collectArrivals(world);
    missing = missing.filter((k) => !arrivals.has(k));
  }
  // Straggling duplicates (an attempt re-sent after a lease ran out) arrive a little later.
  await new Promise((r) => setTimeout(r, 1000));
  await collectArrivals(world);

  const ingest = accepted.map((i) => load.done[i]! - load.due[i]!);
  const byPath: Record<string, number[]> = Object.fromEntries(paths.map((p) => [p, []]));
  const all: number[] = [];
  const perSecond = Array.from({ length: Math.ceil(opts.seconds) }, () => ({ ingest: [] as number[], arrival: [] as number[] }));
  const secondOf = (i: number) => perSecond[Math.floor((load.due[i]! - load.startedAt) / 1000)];
  for (const i of accepted) secondOf(i)?.ingest.push(load.done[i]! - load.due[i]!);
  let duplicates = 0;
  let lastArrival = scheduleEnd;
  let inWindow = 0;
  for (const i of accepted) {
    for (const p of paths) {
      const a = arrivals.get(keyOf(p, load.eventId[i]!));
      if (!a) continue;
      const ms = a.first - load.due[i]!;
      byPath[p]!.push(ms);
      if (!opts.latencyPaths || opts.latencyPaths.includes(p)) {
        all.push(ms);
        secondOf(i)?.arrival.push(ms);
      }
      duplicates += a.count - 1;
      lastArrival = Math.max(lastArrival, a.first);
      if (a.first <= scheduleEnd) inWindow++;
    }
  }
  const result: PhaseResult = {
    label: opts.label,
    rate: opts.rate,
    seconds: opts.seconds,
    offered: load.due.length,
    accepted: accepted.length,
    acceptedPerSec: Math.round((accepted.length / opts.seconds) * 10) / 10,
    failures,
    ingestMs: pcts(ingest),
    arrivalMs: pcts(all),
    arrivalByPathMs: Object.fromEntries(Object.entries(byPath).map(([p, v]) => [p, pcts(v)])),
    deliveriesPerSec: Math.round(inWindow / opts.seconds),
    expectedDeliveries: expected.length,
    lost: missing.length,
    duplicates,
    backlogAtEnd,
    drainMs: Math.max(0, lastArrival - scheduleEnd),
    cpu,
    timeline: perSecond.map((b, second) => ({ second, ingestP95: pcts(b.ingest).p95, arrivalP95: pcts(b.arrival).p95 })),
  };
  const slow = result.timeline.filter((t) => t.arrivalP95 > config.targetP95Ms);
  if (slow.length) log(`${opts.label}: seconds with arrival p95 > ${config.targetP95Ms} ms: ${slow.map((t) => `${t.second} (${Math.round(t.arrivalP95)}/${Math.round(t.ingestP95)})`).join(", ")} (arrival/ingest p95 ms)`);
  log(
    `${opts.label}: accepted ${result.accepted}/${result.offered}, ingest p95 ${result.ingestMs.p95} ms, arrival p50/p95/p99 ${result.arrivalMs.p50}/${result.arrivalMs.p95}/${result.arrivalMs.p99} ms, ` +
      `lost ${result.lost}, duplicates ${result.duplicates}, load ${cpu.loadAverage.end[0]}, others ${cpu.othersPct}%`,
  );
  return { result, load };
}
