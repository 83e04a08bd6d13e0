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
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { ReceivedWebhook, Receiver } from "@/lib/receiver/server";
import { EngineChild, logDelta } from "./lib/child";
import { loadAverage, machineBusyMs, pidsCpu, pidsDelta } from "./lib/cpu";
import type { ChildStats, EngineBenchOptions, RawResult } from "./lib/protocol";
import { fmtMs, fmtNum, fmtPct, fmtRate, round, sleep, summarize, table, waitFor, type Summary } from "./lib/stats";

// ---------------------------------------------------------------------------------------------
// Parameters (kept small enough that the whole run stays under ~3 minutes on 2 cores).
const RAW_WARMUP = 500;
const RAW_COUNT = 3_000;
const ENDPOINTS = 5;
// BENCH_STEADY_RATE lowers it to see latency below the machine's saturation point.
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100); // events/s
const STEADY_EVENTS = 1_000;
const BURST_EVENTS = 2_000;
const BURST_CONCURRENCY = 20;
const ISO_RATE = 20; // fast endpoint events/s
const ISO_SECONDS = 8;
const SLOW_MS = 5_000;
const SLOW_IN_FLIGHT_TARGET = 1_000; // or less when BENCH_ENGINE_OPTIONS caps the engine lower
// More than the 1,000 lane so the lane stays full while the first wave answers after 5 s.
const SLOW_BACKLOG = 3_000;
// Keep the slow lane busy this long after it filled, so queued attempts can hit their timeout.
const SLOW_HOLD_MS = 11_000;
const WHAT_IF_MAX_SOCKETS = 2_048;
// Open-loop ingest never has more than this many requests outstanding (an OMS has a pool too);
// hitting it shows up as an accepted rate below the target rate.
const OPEN_LOOP_CAP = 100;
// Bounds, so a collapsing engine or a busy machine cannot stretch the run much past 3 minutes.
const INGEST_GRACE_MS = 3_000; // open loop: stop issuing this long after the planned end
const BURST_MAX_MS = 15_000; // closed loop: stop issuing after this
const DRAIN_TIMEOUT_MS = 32_000; // waiting for a phase's last deliveries; one expired lease (30 s) fits
const FAST_DRAIN_TIMEOUT_MS = 10_000;
const HARD_DEADLINE_MS = 225_000;
const TARGETS = { steadyP95Ms: 200, burstRatio: 0.5, isolationDeltaMs: 50 };

// ---------------------------------------------------------------------------------------------
// Environment first: lib/env.ts validates process.env when it is first imported.
Object.assign(process.env, {
  NODE_ENV: "production",
  AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  APP_URL: "http://localhost:3000",
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
  WEBHOOK_REQUIRE_HTTPS: "0",
  DELIVERY_ENGINE: "off", // the bench starts the engine itself, in the child
  LOG_LEVEL: "silent",
});
const ENGINE_LOG_LEVEL = process.env.BENCH_ENGINE_LOG_LEVEL ?? "warn";
// Experiments without touching lib: BENCH_ENGINE_OPTIONS='{"maxInFlight":64}' overrides EngineOptions
// (default: none, i.e. the lib defaults that lib/delivery/engine/start.ts uses).
const ENGINE_OPTIONS = parseEngineOptions(process.env.BENCH_ENGINE_OPTIONS);

function parseEngineOptions(raw: string | undefined): EngineBenchOptions {
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, unknown>;
  const out: EngineBenchOptions = {};
  for (const k of ["maxInFlight", "maxPerEndpoint", "leaseMs", "pollMs"] as const) {
    const v = parsed[k];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) throw new Error(`BENCH_ENGINE_OPTIONS.${k} must be a positive integer`);
    out[k] = v;
  }
  return out;
}
const slowTarget = Math.min(SLOW_IN_FLIGHT_TARGET, ENGINE_OPTIONS.maxInFlight ?? Infinity, ENGINE_OPTIONS.maxPerEndpoint ?? Infinity);
const engineOptionsLabel = Object.keys(ENGINE_OPTIONS).length ? `options ${JSON.stringify(ENGINE_OPTIONS)} over the lib defaults` : "lib defaults";

const benchStart = Date.now();
const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - benchStart) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);
const { createDatabase, dropDatabase } = await import("@/tests/support/database");

const database = await createDatabase("waypoint_bench");
process.env.DATABASE_URL = database.url;
log(`database ${database.name} created and migrated`);

// From here on the database exists: a failure while loading lib must not leave it behind.
const loaded = await (async () => {
  const ingestPath = await loadIngestHandler();
  return {
    pg: (await import("pg")).default,
    ingestPath,
    db: (await import("@/lib/db/client")).db,
    startReceiver: (await import("@/lib/receiver/server")).startReceiver,
    factories: await import("@/prisma/factories"),
    DELIVERY_CHANNEL: (await import("@/lib/delivery/channel")).DELIVERY_CHANNEL,
  };
})().catch(async (error: unknown) => {
  await dropDatabase(database.name).catch(() => {});
  throw error;
});
const { pg, ingestPath, db, startReceiver, DELIVERY_CHANNEL } = loaded;
const { createEndpoint, createIngestKey, createPartner } = loaded.factories;
const createOrderRoute = ingestPath.handler;
log(`ingest path: ${ingestPath.description}`);

// A small pool of our own for counting, seeding and clean-up SQL (never on a measured path).
const sql = new pg.Pool({ connectionString: database.url, max: 2 });

const receivers = new Set<Receiver>();
let child: EngineChild | null = null;
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await child?.close().catch((e: Error) => log(`engine child close failed: ${e.message}`));
  for (const r of receivers) await r.close().catch(() => {});
  await db.$disconnect().catch(() => {});
  await sql.end().catch(() => {});
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  log(`database ${database.name} dropped`);
}

const report: Record<string, unknown> = {};
async function writeReport(extra: Record<string, unknown> = {}) {
  const file = path.join(process.cwd(), "bench", "results", "delivery.json");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...report, ...extra }, null, 2)}\n`);
}

const deadline = setTimeout(() => {
  log(`hard deadline of ${HARD_DEADLINE_MS / 1000} s reached; cleaning up and exiting`);
  void writeReport({ error: `hard deadline of ${HARD_DEADLINE_MS / 1000} s reached` })
    .then(cleanup)
    .finally(() => process.exit(2));
}, HARD_DEADLINE_MS);
deadline.unref();
process.once("SIGINT", () => {
  log("interrupted; cleaning up");
  void cleanup().finally(() => process.exit(130));
});

// ---------------------------------------------------------------------------------------------
// Helpers

type Handler = (request: Request, context: unknown) => Promise<Response>;

/** Tries the route module in a throwaway process first: a failed import can kill the importer. */
async function routeImports(): Promise<{ ok: boolean; error?: string }> {
  const proc = fork(path.join(process.cwd(), "bench", "lib", "route-probe.ts"), [], { stdio: ["ignore", "ignore", "ignore", "ipc"] });
  const answer = new Promise<{ ok: boolean; error?: string }>((resolve) => {
    proc.once("message", (m: { ok: boolean; error?: string }) => resolve(m));
    proc.once("exit", (code) => resolve({ ok: false, error: `probe exited with code ${code} before answering` }));
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
  const result = await answer;
  clearTimeout(timer);
  return result;
}

/**
 * POST /api/v1/orders as Next runs it, minus Next's router and HTTP server: the route module's
 * own POST when it can be imported here; otherwise the same line built from the same lib
 * functions (lib/http/route's route(), lib/orders/ingest (which reads the body)), so the measured code is
 * identical. (Route modules that also pull in next-auth cannot load under tsx with react-server.)
 */
async function loadIngestHandler(): Promise<{ handler: Handler; description: string }> {
  const probe = await routeImports();
  if (probe.ok) {
    const { POST } = await import("@/app/api/v1/orders/route");
    return { handler: POST as Handler, description: "route handler POST from app/api/v1/orders/route.ts, called in-process with a Request" };
  }
  const { route } = await import("@/lib/http/route");
  const { ingest, ingestResponse } = await import("@/lib/orders/ingest");
  const handler = route(async (request: Request) => ingestResponse(await ingest(request, { kind: "create" })));
  return {
    handler: handler as Handler,
    description: `route() + ingest() exactly as app/api/v1/orders/route.ts composes them, called in-process (the route module itself does not import under tsx --conditions=react-server: ${probe.error ?? "unknown"})`,
  };
}

async function receiver(opts: { slowMs?: number } = {}) {
  const state = { answered: 0 };
  const r = await startReceiver({ onRequest: () => void state.answered++ });
  if (opts.slowMs) r.setMode({ kind: "slow", ms: opts.slowMs });
  receivers.add(r);
  return {
    rx: r,
    /** Requests that arrived and have not been answered yet (held by slow mode). */
    open: () => r.received.length - state.answered,
    close: async () => {
      receivers.delete(r);
      await r.close();
    },
  };
}

type Accepted = { eventId: string; startedAt: number; acceptedAt: number };
let orderSeq = 0;

/** One POST /api/v1/orders through the real route handler; throws unless 201. */
async function ingestOrder(key: string, tag: string): Promise<Accepted> {
  const seq = ++orderSeq;
  const body = JSON.stringify({ merchant_order_ref: `${tag}-${seq}`, customer_id: `cust-${seq}`, customer_name: "Bench Customer", customer_phone: "+919812345678" });
  const request = new Request("http://bench.local/api/v1/orders", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": `${tag}-${seq}` },
    body,
  });
  const startedAt = Date.now();
  const response = await createOrderRoute(request, {});
  const json = (await response.json()) as { event?: { event_id?: string }; error?: unknown };
  const acceptedAt = Date.now();
  if (response.status !== 201 || !json.event?.event_id) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { eventId: json.event.event_id, startedAt, acceptedAt };
}

type IngestRun = { accepted: Accepted[]; failures: string[]; firstStart: number; lastAccept: number; acceptedPerSec: number; requestMs: Summary; maxOutstanding: number; cutShort: boolean };

function ingestSummary(accepted: Accepted[], failures: string[], firstStart: number, maxOutstanding: number, cutShort: boolean): IngestRun {
  const lastAccept = Math.max(...accepted.map((a) => a.acceptedAt));
  return {
    accepted,
    failures,
    firstStart,
    lastAccept,
    acceptedPerSec: (accepted.length * 1000) / Math.max(1, lastAccept - firstStart),
    requestMs: summarize(accepted.map((a) => a.acceptedAt - a.startedAt)),
    maxOutstanding,
    cutShort,
  };
}

/**
 * Open loop: request i starts at t0 + i/rate whatever the earlier ones are doing, with at most
 * `cap` outstanding; stops issuing after the planned duration + INGEST_GRACE_MS.
 */
async function ingestAtRate(key: string, tag: string, rate: number, count: number, cap = OPEN_LOOP_CAP): Promise<IngestRun> {
  const accepted: Accepted[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxOutstanding = 0;
  let cutShort = false;
  const t0 = Date.now();
  const stopIssuingAt = t0 + (count * 1000) / rate + INGEST_GRACE_MS;
  for (let i = 0; i < count; i++) {
    if (Date.now() > stopIssuingAt) {
      cutShort = true;
      break;
    }
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= cap) await Promise.race(inFlight);
    const p = ingestOrder(key, tag).then(
      (a) => void accepted.push(a),
      (e: Error) => void failures.push(e.message),
    );
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    maxOutstanding = Math.max(maxOutstanding, inFlight.size);
  }
  await Promise.all(inFlight);
  return ingestSummary(accepted, failures, t0, maxOutstanding, cutShort);
}

/** Closed loop: `concurrency` requests in flight until `count` were sent or `maxMs` passed. */
async function ingestAsFastAsPossible(key: string, tag: string, count: number, concurrency: number, maxMs = BURST_MAX_MS): Promise<IngestRun> {
  const accepted: Accepted[] = [];
  const failures: string[] = [];
  let next = 0;
  const t0 = Date.now();
  let cutShort = false;
  const worker = async () => {
    while (next < count) {
      if (Date.now() - t0 > maxMs) {
        cutShort = true;
        return;
      }
      next++;
      await ingestOrder(key, tag).then(
        (a) => void accepted.push(a),
        (e: Error) => void failures.push(e.message),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ingestSummary(accepted, failures, t0, concurrency, cutShort);
}

/** Ingest-accept → receiver arrival, first arrival per (event, path). Also counts repeats. */
function arrivalLatencies(received: ReceivedWebhook[], accepted: Accepted[]) {
  const acceptedAt = new Map(accepted.map((a) => [a.eventId, a.acceptedAt]));
  const first = new Map<string, number>();
  let repeats = 0;
  for (const w of received) {
    if (!w.webhookId || !acceptedAt.has(w.webhookId)) continue;
    const k = `${w.webhookId} ${w.path}`;
    const at = w.receivedAt.getTime();
    const seen = first.get(k);
    if (seen === undefined) first.set(k, at);
    else {
      repeats++;
      if (at < seen) first.set(k, at);
    }
  }
  const latencies: number[] = [];
  /** Earliest first arrival per event over its endpoints (isolation has one endpoint per event). */
  const perEvent = new Map<string, number>();
  for (const [k, at] of first) {
    const eventId = k.split(" ")[0]!;
    const latency = at - acceptedAt.get(eventId)!;
    latencies.push(latency);
    perEvent.set(eventId, Math.min(latency, perEvent.get(eventId) ?? Infinity));
  }
  return { latency: summarize(latencies), pairs: first.size, repeats, perEvent };
}

type DbDeliveryStats = { total: number; delivered: number; notDelivered: number; attempts: number; failedAttempts: number; firstDeliveredMs: number; lastDeliveredMs: number };

async function deliveryStats(partnerId: string): Promise<DbDeliveryStats> {
  // deliveredAt is timestamp(3) without zone holding UTC: extract(epoch) reads it as UTC.
  const { rows } = await sql.query<Record<string, string | null>>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE status = 'delivered') AS delivered,
            extract(epoch FROM min("deliveredAt")) * 1000 AS first_ms,
            extract(epoch FROM max("deliveredAt")) * 1000 AS last_ms,
            (SELECT count(*) FROM "DeliveryAttempt" a JOIN "Delivery" x ON x.id = a."deliveryId" WHERE x."partnerId" = $1) AS attempts,
            (SELECT count(*) FROM "DeliveryAttempt" a JOIN "Delivery" x ON x.id = a."deliveryId" WHERE x."partnerId" = $1 AND NOT a.success) AS failed
       FROM "Delivery" WHERE "partnerId" = $1`,
    [partnerId],
  );
  const r = rows[0]!;
  const total = Number(r.total);
  const delivered = Number(r.delivered);
  return { total, delivered, notDelivered: total - delivered, attempts: Number(r.attempts), failedAttempts: Number(r.failed), firstDeliveredMs: Number(r.first_ms), lastDeliveredMs: Number(r.last_ms) };
}

async function waitDelivered(partnerId: string, expected: number, timeoutMs: number): Promise<DbDeliveryStats> {
  let stats = await deliveryStats(partnerId);
  await waitFor(async () => {
    stats = await deliveryStats(partnerId);
    return stats.delivered >= expected;
  }, timeoutMs, 100);
  return stats;
}

async function pgCommits(): Promise<number> {
  const { rows } = await sql.query<{ c: string }>(`SELECT xact_commit AS c FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0]?.c ?? 0);
}

type CpuMark = { wall: number; main: NodeJS.CpuUsage; engineMs: number; pg: Map<number, number>; machine: number; commits: number; engineLog: Map<string, number> };
type CpuReport = {
  wallMs: number;
  /** % of one core: this process (ingest + receivers), the engine child, our database's backends, everything else on the machine. */
  mainPct: number;
  enginePct: number;
  postgresPct: number;
  othersPct: number;
  loadAverage: number[];
  pgCommitsPerSec: number;
  engineLog: Record<string, number>;
};

async function ourBackendPids(): Promise<number[]> {
  const { rows } = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return rows.map((r) => r.pid);
}

async function cpuMark(): Promise<CpuMark> {
  const stats = child ? await child.call({ cmd: "stats" }) : null;
  return {
    wall: Date.now(),
    main: process.cpuUsage(),
    engineMs: stats?.cpuMs ?? 0,
    pg: await pidsCpu(await ourBackendPids()),
    machine: await machineBusyMs(),
    commits: await pgCommits(),
    engineLog: child?.logSnapshot() ?? new Map(),
  };
}

async function cpuSince(m: CpuMark): Promise<CpuReport> {
  const now = await cpuMark();
  const wallMs = Math.max(1, now.wall - m.wall);
  const mainUsage = process.cpuUsage(m.main);
  const pct = (ms: number) => (100 * ms) / wallMs; // % of one core
  const mainPct = pct((mainUsage.user + mainUsage.system) / 1000);
  const enginePct = pct(now.engineMs - m.engineMs);
  const postgresPct = pct(pidsDelta(m.pg, now.pg));
  const othersPct = Math.max(0, pct(now.machine - m.machine) - mainPct - enginePct - postgresPct);
  return {
    wallMs,
    mainPct: round(mainPct, 0),
    enginePct: round(enginePct, 0),
    postgresPct: round(postgresPct, 0),
    othersPct: round(othersPct, 0),
    loadAverage: loadAverage(),
    // pg_stat_database is flushed by backends at most once a second: approximate.
    pgCommitsPerSec: round(((now.commits - m.commits) * 1000) / wallMs, 0),
    engineLog: logDelta(m.engineLog, now.engineLog),
  };
}

async function newPartner(receiverUrl: string, paths: string[], extra: { timeoutMs?: number } = {}) {
  const partner = await createPartner({ name: `Bench ${paths.join(",")} ${Date.now()}`, ...extra });
  const endpoints = [];
  for (const p of paths) endpoints.push((await createEndpoint({ partnerId: partner.id, url: `${receiverUrl}${p}` })).endpoint);
  const { key } = await createIngestKey(partner.id, "Bench OMS");
  return { partnerId: partner.id, key, endpoints };
}

async function spawnEngine(label: string, extraEnv: Record<string, string> = {}) {
  const c = await EngineChild.spawn(label, { LOG_LEVEL: ENGINE_LOG_LEVEL, ...extraEnv });
  await c.call({ cmd: "start", options: ENGINE_OPTIONS });
  return c;
}

/** Warms JIT, Prisma pools and keep-alive sockets in both processes; returns a real webhook to copy. */
async function warmUp(label: string, events = 100) {
  const r = await receiver();
  const p = await newPartner(r.rx.url, ["/warm"]);
  await ingestAsFastAsPossible(p.key, `warm-${label}`, events, 10);
  const stats = await waitDelivered(p.partnerId, events, 20_000);
  if (stats.delivered < events) log(`warm-up ${label}: only ${stats.delivered}/${events} delivered in 20 s; going on`);
  if (r.rx.received.length === 0) throw new Error(`warm-up ${label}: no webhook arrived`);
  const sample = r.rx.received[0]!;
  await settle([p.partnerId]);
  await r.close();
  return sample;
}

async function childStats(): Promise<ChildStats> {
  if (!child) throw new Error("no engine child");
  return child.call({ cmd: "stats" });
}

/**
 * Ends a phase so it cannot leak into the next one: a crashed attempt keeps its 30 s lease and
 * would come back in the middle of a later phase. Stops further claims of the phase's rows, lets
 * the engine go idle (`beforeIdle` runs in between, e.g. to cut off a slow receiver), then takes
 * whatever was not delivered out of the queue. Returns how many rows were taken out.
 */
async function settle(partnerIds: string[], beforeIdle?: () => Promise<void>): Promise<number> {
  await sql.query(`UPDATE "Delivery" SET "nextAttemptAt" = NULL WHERE "partnerId" = ANY($1) AND status <> 'delivered'`, [partnerIds]);
  await beforeIdle?.();
  await waitFor(async () => (await childStats()).inFlight === 0, 20_000, 100);
  const { rowCount } = await sql.query(
    `UPDATE "Delivery" SET status = 'dead_lettered', "nextAttemptAt" = NULL, "lockedUntil" = NULL, "deadLetteredAt" = now() WHERE "partnerId" = ANY($1) AND status <> 'delivered'`,
    [partnerIds],
  );
  return rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Phases

async function rawPhase(sample: ReceivedWebhook, concurrency: number) {
  const r = await receiver();
  const headers: Record<string, string> = { "user-agent": "Waypoint-Webhooks/1.0" };
  for (const h of ["content-type", "webhook-id", "webhook-timestamp", "webhook-signature"]) if (sample.headers[h]) headers[h] = sample.headers[h];
  const request = { url: `${r.rx.url}/raw`, concurrency, body: sample.body, headers };
  await child!.call({ cmd: "raw", request: { ...request, count: RAW_WARMUP } });
  const mark = await cpuMark();
  const result: RawResult = await child!.call({ cmd: "raw", request: { ...request, count: RAW_COUNT } });
  const cpu = await cpuSince(mark);
  await r.close();
  return { ...result, count: RAW_COUNT, concurrency, bodyBytes: Buffer.byteLength(sample.body), perSec: (result.ok * 1000) / result.ms, cpu };
}

async function fanOutPhase(kind: "steady" | "burst") {
  const r = await receiver();
  const paths = Array.from({ length: ENDPOINTS }, (_, i) => `/e${i + 1}`);
  const p = await newPartner(r.rx.url, paths);
  const events = kind === "steady" ? STEADY_EVENTS : BURST_EVENTS;
  const mark = await cpuMark();
  const run = kind === "steady" ? await ingestAtRate(p.key, kind, STEADY_RATE, events) : await ingestAsFastAsPossible(p.key, kind, events, BURST_CONCURRENCY);
  const ingestCpu = await cpuSince(mark);
  const expectedNow = run.accepted.length * ENDPOINTS;
  const drainBy = Date.now() + DRAIN_TIMEOUT_MS;
  await waitFor(() => r.rx.received.length >= expectedNow, DRAIN_TIMEOUT_MS, 20);
  const stats = await waitDelivered(p.partnerId, expectedNow, Math.max(1_000, drainBy - Date.now()));
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(r.rx.received, run.accepted);
  const parked = await settle([p.partnerId]);
  await r.close();
  const wallMs = stats.lastDeliveredMs - run.firstStart;
  return {
    events,
    endpoints: ENDPOINTS,
    expectedDeliveries: expectedNow,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, firstFailure: run.failures[0] ?? null, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs, maxOutstanding: run.maxOutstanding, cutShort: run.cutShort, cpu: ingestCpu },
    deliveries: { ...stats, arrivedPairs: arrivals.pairs, repeats: arrivals.repeats, wallMsFirstIngestToLastDelivered: wallMs, perSec: (stats.delivered * 1000) / wallMs, parkedAfterDrain: parked },
    latency: arrivals.latency,
    cpu,
  };
}

/**
 * The engine's own throughput: the same 2,000 events × 5 endpoints are accepted while the
 * engine is stopped (a delivery worker restarting, or a burst arriving faster than delivery),
 * then the engine starts and drains the 10,000 due deliveries. Deliveries/s here is the engine
 * alone against the receiver, like the raw ceiling; the burst phase above is ingest and
 * delivery sharing the machine.
 */
async function backlogPhase() {
  const r = await receiver();
  const paths = Array.from({ length: ENDPOINTS }, (_, i) => `/b${i + 1}`);
  const p = await newPartner(r.rx.url, paths);
  await child!.call({ cmd: "stop" });
  const run = await ingestAsFastAsPossible(p.key, "backlog", BURST_EVENTS, BURST_CONCURRENCY);
  const expected = run.accepted.length * ENDPOINTS;
  const mark = await cpuMark();
  const startedAt = Date.now();
  await child!.call({ cmd: "start", options: ENGINE_OPTIONS });
  await waitFor(() => r.rx.received.length >= expected, DRAIN_TIMEOUT_MS, 20);
  const stats = await waitDelivered(p.partnerId, expected, DRAIN_TIMEOUT_MS);
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(r.rx.received, run.accepted);
  const parked = await settle([p.partnerId]);
  await r.close();
  const drainMs = Math.max(1, stats.lastDeliveredMs - startedAt);
  return {
    events: BURST_EVENTS,
    endpoints: ENDPOINTS,
    expectedDeliveries: expected,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs },
    deliveries: { ...stats, repeats: arrivals.repeats, drainMs, perSec: (stats.delivered * 1000) / drainMs, parkedAfterDrain: parked },
    cpu,
  };
}

type Sample = { t: number; engineInFlight: number; receiverOpen: number };

async function isolationPhase(label: string, withSlow: boolean) {
  const fast = await receiver();
  const fastPartner = await newPartner(fast.rx.url, ["/fast"]);
  let slow: Awaited<ReturnType<typeof receiver>> | null = null;
  let slowPartner: Awaited<ReturnType<typeof newPartner>> | null = null;
  let filledAt = Date.now();
  let fillMs = 0;
  const samples: Sample[] = [];
  let sampling = false;
  let sampler: Promise<void> = Promise.resolve();

  if (withSlow) {
    slow = await receiver({ slowMs: SLOW_MS });
    // Default partner settings (timeoutMs 10 s, retries 30 s / 2 min / 8 min).
    slowPartner = await newPartner(slow.rx.url, ["/slow"]);
    // One real event through the API, then SLOW_BACKLOG-1 copies of it in one statement: the
    // backlog's creation is not what is measured here, only its effect on the fast endpoint.
    const template = await ingestOrder(slowPartner.key, `${label}-slow-template`);
    const seeded = await sql.query(
      `WITH ev AS (
         INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", sequence, payload, "createdAt")
         SELECT 'evt_bench_' || md5(random()::text || g), "partnerId", "orderId", type, "occurredAt", sequence + g, jsonb_set(payload, '{sequence}', to_jsonb(sequence + g)), now()
           FROM "OrderEvent", generate_series(1, $2::int) g WHERE id = $1
         RETURNING id, "partnerId")
       INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", status, "nextAttemptAt", "createdAt", "updatedAt")
       SELECT 'dlv_bench_' || md5(ev.id), ev.id, $3, ev."partnerId", 'pending', now(), now(), now() FROM ev`,
      [template.eventId, SLOW_BACKLOG - 1, slowPartner.endpoints[0]!.id],
    );
    await sql.query(`SELECT pg_notify($1, '')`, [DELIVERY_CHANNEL]);
    const seededAt = Date.now();
    const full = await waitFor(async () => (await childStats()).inFlight >= slowTarget, 10_000, 50);
    filledAt = Date.now();
    fillMs = filledAt - seededAt;
    log(`${label}: ${seeded.rowCount} slow deliveries seeded; engine in flight ${full ? "reached" : "did NOT reach"} ${slowTarget} after ${fillMs} ms`);
    await sleep(300); // let the agent hand out sockets and the receiver see them
    sampling = true;
    sampler = (async () => {
      while (sampling) {
        const s = await childStats().catch(() => null);
        if (!s) break;
        samples.push({ t: Date.now(), engineInFlight: s.inFlight, receiverOpen: slow!.open() });
        await sleep(200);
      }
    })();
  }

  const mark = await cpuMark();
  const run = await ingestAtRate(fastPartner.key, `${label}-fast`, ISO_RATE, ISO_RATE * ISO_SECONDS);
  const windowEnd = Date.now();
  await waitFor(() => fast.rx.received.length >= run.accepted.length, FAST_DRAIN_TIMEOUT_MS, 20);
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(fast.rx.received, run.accepted);
  const fastStats = await deliveryStats(fastPartner.partnerId);
  // When in the window the fast endpoint suffered: p95 per 2 s slice (by ingest time), and the raw points.
  const timeline = run.accepted.map((a) => ({ atMs: a.startedAt - run.firstStart, latencyMs: arrivals.perEvent.get(a.eventId) ?? null }));
  const slices = Array.from({ length: Math.ceil(ISO_SECONDS / 2) }, (_, i) => {
    const inSlice = timeline.filter((p) => p.atMs >= i * 2000 && p.atMs < (i + 1) * 2000);
    const missing = inSlice.filter((p) => p.latencyMs === null).length;
    return { fromS: i * 2, toS: (i + 1) * 2, p95: summarize(inSlice.flatMap((p) => (p.latencyMs === null ? [] : [p.latencyMs]))).p95, missing };
  });

  let slowReport = null;
  if (slow && slowPartner) {
    const holdUntil = filledAt + SLOW_HOLD_MS;
    if (Date.now() < holdUntil) await sleep(holdUntil - Date.now());
    sampling = false;
    await sampler;
    const inWindow = samples.filter((s) => s.t <= windowEnd);
    const outcomes = await sql.query<{ success: boolean; error_class: string | null; n: string }>(
      `SELECT a.success, a."errorClass" AS error_class, count(*) AS n
         FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId"
        WHERE d."endpointId" = $1 GROUP BY 1, 2 ORDER BY 3 DESC`,
      [slowPartner.endpoints[0]!.id],
    );
    const receiverArrived = slow.rx.received.length;
    // Stop the backlog, cut off the held requests, wait for the engine to record them.
    const slowRx = slow;
    await settle([slowPartner.partnerId, fastPartner.partnerId], () => slowRx.close());
    const engine = summarize(inWindow.map((s) => s.engineInFlight));
    const open = summarize(inWindow.map((s) => s.receiverOpen));
    slowReport = {
      backlog: SLOW_BACKLOG,
      slowMs: SLOW_MS,
      fillMs,
      engineInFlightDuringWindow: { min: engine.min, median: engine.p50, max: engine.max },
      receiverOpenDuringWindow: { min: open.min, median: open.p50, max: open.max },
      receiverArrivedTotal: receiverArrived,
      attemptOutcomesAfterHoldMs: SLOW_HOLD_MS,
      attemptOutcomes: outcomes.rows.map((o) => ({ success: o.success, errorClass: o.error_class, count: Number(o.n) })),
      samples: samples.map((s) => ({ ...s, t: s.t - filledAt })),
    };
  }
  if (!withSlow) await settle([fastPartner.partnerId]);
  await fast.close();
  return {
    label,
    rate: ISO_RATE,
    seconds: ISO_SECONDS,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs },
    fast: { latency: arrivals.latency, pairs: arrivals.pairs, delivered: fastStats.delivered, notDelivered: fastStats.notDelivered, failedAttempts: fastStats.failedAttempts, slices, timeline },
    /** ms from the slow lane filling to the first fast ingest (slow answers come back SLOW_MS after they went out). */
    windowStartAfterFillMs: withSlow ? run.firstStart - filledAt : null,
    slow: slowReport,
    cpu,
  };
}

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

  child = await spawnEngine("A");
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
  child = null;

  // What-if: the same slow run with the delivery agent's maxSockets raised (patched in the child
  // only; lib is unchanged), to show what 1,000 really-open slow requests do.
  child = await spawnEngine("B", { BENCH_AGENT_MAX_SOCKETS: String(WHAT_IF_MAX_SOCKETS) });
  log(`engine child B (pid ${child.pid}) up; agent maxSockets patched to ${child.agentMaxSockets}`);
  await warmUp("B", 30);
  const isoWhatIf = await isolationPhase("iso-slow-maxSockets", true);
  log(`isolation slow (maxSockets ${WHAT_IF_MAX_SOCKETS}): fast p95 ${fmtMs(isoWhatIf.fast.latency.p95)}`);
  await child.close();
  child = null;

  report.isolation = { baseline: isoBase, slowAsShipped: isoSlow, slowWhatIfMaxSockets: { maxSockets: WHAT_IF_MAX_SOCKETS, ...isoWhatIf } };

  // -------------------------------------------------------------------------------------------
  // Report
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
