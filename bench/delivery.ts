// Delivery engine benchmark: `npm run bench:delivery`. Not a test; prints a report and writes
// bench/results/delivery.json. Runs against a fresh database on the local PostgreSQL server
// (dropped at the end) and local receivers (lib/receiver/server.ts) on 127.0.0.1.
//
// Layout (2 processes, like a deployment with a separate delivery worker):
//   this process  - ingest: the real route handler of POST /api/v1/orders, called in-process
//                   with a Request (our code, not Next's router/HTTP server); the receivers.
//   engine child  - bench/lib/engine-child.ts: EmbeddedEngine with the lib defaults, woken by
//                   LISTEN/NOTIFY from the ingest transactions; also runs the raw HTTP ceiling.
//
// Phases: warm-up, raw ceiling, steady, burst, isolation (baseline, slow backlog with the agent
// as shipped, and a what-if run with the keep-alive agent's maxSockets raised in the child only).
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ReceivedWebhook, Receiver } from "@/lib/receiver/server";
import { EngineChild } from "./lib/child";
import { postgresCpu, postgresDelta } from "./lib/cpu";
import type { ChildStats, RawResult } from "./lib/protocol";
import { fmtMs, fmtNum, fmtPct, fmtRate, round, sleep, summarize, table, waitFor, type Summary } from "./lib/stats";

// ---------------------------------------------------------------------------------------------
// Parameters (kept small enough that the whole run stays under ~3 minutes on 2 cores).
const RAW_WARMUP = 500;
const RAW_COUNT = 3_000;
const ENDPOINTS = 5;
const STEADY_RATE = 100; // events/s
const STEADY_EVENTS = 1_000;
const BURST_EVENTS = 2_000;
const BURST_CONCURRENCY = 20;
const ISO_RATE = 20; // fast endpoint events/s
const ISO_SECONDS = 8;
const SLOW_MS = 5_000;
const SLOW_IN_FLIGHT_TARGET = 1_000;
// More than the 1,000 lane so the lane stays full while the first wave answers after 5 s.
const SLOW_BACKLOG = 3_000;
// Keep the slow lane busy this long after it filled, so queued attempts can hit their timeout.
const SLOW_HOLD_MS = 11_000;
const WHAT_IF_MAX_SOCKETS = 2_048;
const HARD_DEADLINE_MS = 200_000;
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

const benchStart = Date.now();
const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - benchStart) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);
const { createDatabase, dropDatabase } = await import("@/tests/support/database");

const database = await createDatabase("waypoint_bench");
process.env.DATABASE_URL = database.url;
log(`database ${database.name} created and migrated`);

const pg = (await import("pg")).default;
const { POST: createOrderRoute } = await import("@/app/api/v1/orders/route");
const { db } = await import("@/lib/db/client");
const { startReceiver } = await import("@/lib/receiver/server");
const { createEndpoint, createIngestKey, createPartner } = await import("@/prisma/factories");
const { DELIVERY_CHANNEL } = await import("@/lib/delivery/channel");

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

const deadline = setTimeout(() => {
  log(`hard deadline of ${HARD_DEADLINE_MS / 1000} s reached; cleaning up and exiting`);
  void cleanup().finally(() => process.exit(2));
}, HARD_DEADLINE_MS);
deadline.unref();

// ---------------------------------------------------------------------------------------------
// Helpers

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

type IngestRun = { accepted: Accepted[]; failures: string[]; firstStart: number; lastAccept: number; acceptedPerSec: number; requestMs: Summary; maxOutstanding: number };

function ingestSummary(accepted: Accepted[], failures: string[], firstStart: number, maxOutstanding: number): IngestRun {
  const lastAccept = Math.max(...accepted.map((a) => a.acceptedAt));
  return {
    accepted,
    failures,
    firstStart,
    lastAccept,
    acceptedPerSec: (accepted.length * 1000) / Math.max(1, lastAccept - firstStart),
    requestMs: summarize(accepted.map((a) => a.acceptedAt - a.startedAt)),
    maxOutstanding,
  };
}

/** Open loop: request i starts at t0 + i/rate whatever the earlier ones are doing (capped). */
async function ingestAtRate(key: string, tag: string, rate: number, count: number, cap = 500): Promise<IngestRun> {
  const accepted: Accepted[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxOutstanding = 0;
  const t0 = Date.now();
  for (let i = 0; i < count; i++) {
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
  return ingestSummary(accepted, failures, t0, maxOutstanding);
}

/** Closed loop: `concurrency` requests in flight until `count` were sent. */
async function ingestAsFastAsPossible(key: string, tag: string, count: number, concurrency: number): Promise<IngestRun> {
  const accepted: Accepted[] = [];
  const failures: string[] = [];
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < count) {
      next++;
      await ingestOrder(key, tag).then(
        (a) => void accepted.push(a),
        (e: Error) => void failures.push(e.message),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ingestSummary(accepted, failures, t0, concurrency);
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
  for (const [k, at] of first) latencies.push(at - acceptedAt.get(k.split(" ")[0]!)!);
  return { latency: summarize(latencies), pairs: first.size, repeats, lastArrival: Math.max(...first.values()) };
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

type CpuMark = { wall: number; main: NodeJS.CpuUsage; engineMs: number; pg: Map<string, number>; commits: number };
type CpuReport = { wallMs: number; mainPct: number; enginePct: number; postgresPct: number; totalPctOf2Cores: number; pgCommitsPerSec: number };

async function cpuMark(): Promise<CpuMark> {
  const stats = child ? await child.call({ cmd: "stats" }) : null;
  return { wall: Date.now(), main: process.cpuUsage(), engineMs: stats?.cpuMs ?? 0, pg: await postgresCpu(), commits: await pgCommits() };
}

async function cpuSince(m: CpuMark): Promise<CpuReport> {
  const now = await cpuMark();
  const wallMs = Math.max(1, now.wall - m.wall);
  const mainUsage = process.cpuUsage(m.main);
  const pct = (ms: number) => (100 * ms) / wallMs; // % of one core
  const mainPct = pct((mainUsage.user + mainUsage.system) / 1000);
  const enginePct = pct(now.engineMs - m.engineMs);
  const postgresPct = pct(postgresDelta(m.pg, now.pg));
  return {
    wallMs,
    mainPct: round(mainPct, 0),
    enginePct: round(enginePct, 0),
    postgresPct: round(postgresPct, 0),
    totalPctOf2Cores: round((mainPct + enginePct + postgresPct) / os.cpus().length, 0),
    // pg_stat_database is flushed by backends at most once a second: approximate.
    pgCommitsPerSec: round(((now.commits - m.commits) * 1000) / wallMs, 0),
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
  await c.call({ cmd: "start", options: {} }); // lib defaults, as lib/delivery/engine/start.ts
  return c;
}

/** Warms JIT, Prisma pools and keep-alive sockets in both processes; returns a real webhook to copy. */
async function warmUp(label: string) {
  const r = await receiver();
  const p = await newPartner(r.rx.url, ["/warm"]);
  await ingestAsFastAsPossible(p.key, `warm-${label}`, 100, 10);
  const stats = await waitDelivered(p.partnerId, 100, 30_000);
  if (stats.delivered < 100) throw new Error(`warm-up delivered only ${stats.delivered}/100`);
  const sample = r.rx.received[0]!;
  await r.close();
  return sample;
}

async function childStats(): Promise<ChildStats> {
  if (!child) throw new Error("no engine child");
  return child.call({ cmd: "stats" });
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
  const expected = events * ENDPOINTS;
  const mark = await cpuMark();
  const run = kind === "steady" ? await ingestAtRate(p.key, kind, STEADY_RATE, events) : await ingestAsFastAsPossible(p.key, kind, events, BURST_CONCURRENCY);
  const ingestCpu = await cpuSince(mark);
  const expectedNow = run.accepted.length * ENDPOINTS;
  await waitFor(() => r.rx.received.length >= expectedNow, 60_000, 20);
  const stats = await waitDelivered(p.partnerId, expectedNow, 30_000);
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(r.rx.received, run.accepted);
  await r.close();
  const wallMs = stats.lastDeliveredMs - run.firstStart;
  return {
    events,
    endpoints: ENDPOINTS,
    expectedDeliveries: expected,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, firstFailure: run.failures[0] ?? null, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs, maxOutstanding: run.maxOutstanding, cpu: ingestCpu },
    deliveries: { ...stats, arrivedPairs: arrivals.pairs, repeats: arrivals.repeats, wallMsFirstIngestToLastDelivered: wallMs, perSec: (stats.delivered * 1000) / wallMs },
    latency: arrivals.latency,
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
         INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", payload, "createdAt")
         SELECT 'evt_bench_' || md5(random()::text || g), "partnerId", "orderId", type, "occurredAt", payload, now()
           FROM "OrderEvent", generate_series(1, $2::int) g WHERE id = $1
         RETURNING id, "partnerId")
       INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", status, "nextAttemptAt", "createdAt", "updatedAt")
       SELECT 'dlv_bench_' || md5(ev.id), ev.id, $3, ev."partnerId", 'pending', now(), now(), now() FROM ev`,
      [template.eventId, SLOW_BACKLOG - 1, slowPartner.endpoints[0]!.id],
    );
    await sql.query(`SELECT pg_notify($1, '')`, [DELIVERY_CHANNEL]);
    const seededAt = Date.now();
    const full = await waitFor(async () => (await childStats()).inFlight >= SLOW_IN_FLIGHT_TARGET, 20_000, 50);
    filledAt = Date.now();
    fillMs = filledAt - seededAt;
    log(`${label}: ${seeded.rowCount} slow deliveries seeded; engine in flight ${full ? "reached" : "did NOT reach"} ${SLOW_IN_FLIGHT_TARGET} after ${fillMs} ms`);
    await sleep(300); // let the agent hand out sockets and the receiver see them
    sampling = true;
    sampler = (async () => {
      while (sampling) {
        const s = await childStats();
        samples.push({ t: Date.now(), engineInFlight: s.inFlight, receiverOpen: slow!.open() });
        await sleep(200);
      }
    })();
  }

  const mark = await cpuMark();
  const run = await ingestAtRate(fastPartner.key, `${label}-fast`, ISO_RATE, ISO_RATE * ISO_SECONDS);
  const windowEnd = Date.now();
  await waitFor(() => fast.rx.received.length >= run.accepted.length, 30_000, 20);
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(fast.rx.received, run.accepted);
  const fastStats = await deliveryStats(fastPartner.partnerId);

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
    // Stop the backlog: unclaimed rows leave the queue, then held requests are cut off, then
    // whatever the engine recorded as retrying leaves too (so later phases see no stray retries).
    const park = () =>
      sql.query(`UPDATE "Delivery" SET status = 'dead_lettered', "nextAttemptAt" = NULL, "deadLetteredAt" = now() WHERE "partnerId" = $1 AND status IN ('pending', 'retrying') AND ("lockedUntil" IS NULL OR "lockedUntil" < now())`, [
        slowPartner!.partnerId,
      ]);
    await park();
    await slow.close();
    await waitFor(async () => (await childStats()).inFlight === 0, 30_000, 100);
    await park();
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
  await fast.close();
  return {
    label,
    rate: ISO_RATE,
    seconds: ISO_SECONDS,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs },
    fast: { latency: arrivals.latency, pairs: arrivals.pairs, delivered: fastStats.delivered, notDelivered: fastStats.notDelivered, failedAttempts: fastStats.failedAttempts },
    slow: slowReport,
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------
// Run

const report: Record<string, unknown> = {};
let exitCode = 0;
try {
  const { rows: versionRows } = await sql.query<{ v: string }>(`SHOW server_version`);
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: versionRows[0]?.v ?? "?",
    platform: `${os.platform()} ${os.release()}`,
  };
  report.machine = machine;
  report.setup = {
    ingest: "route handler POST /api/v1/orders called in-process with a Request (no Next router/HTTP server); Idempotency-Key on every request",
    engine: "EmbeddedEngine in a child process (lib defaults: maxInFlight 2000, maxPerEndpoint 1000, leaseMs 30 s, pollMs 1 s), woken by LISTEN/NOTIFY",
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
  await warmUp("B");
  const isoWhatIf = await isolationPhase("iso-slow-maxSockets", true);
  log(`isolation slow (maxSockets ${WHAT_IF_MAX_SOCKETS}): fast p95 ${fmtMs(isoWhatIf.fast.latency.p95)}`);
  await child.close();
  child = null;

  report.isolation = { baseline: isoBase, slowAsShipped: isoSlow, slowWhatIfMaxSockets: { maxSockets: WHAT_IF_MAX_SOCKETS, ...isoWhatIf } };

  // -------------------------------------------------------------------------------------------
  // Report
  const burstRatio = burst.deliveries.perSec / raw.perSec;
  const deltaShipped = isoSlow.fast.latency.p95 - isoBase.fast.latency.p95;
  const deltaWhatIf = isoWhatIf.fast.latency.p95 - isoBase.fast.latency.p95;
  const verdict = (ok: boolean) => (ok ? "ok" : "MISS");
  const lat = (s: Summary) => `${fmtMs(s.p50)} / ${fmtMs(s.p95)} / ${fmtMs(s.p99)}`;
  const cpuCell = (c: CpuReport) => `${c.mainPct}/${c.enginePct}/${c.postgresPct}%`;
  const slowCell = (s: NonNullable<typeof isoSlow.slow>) =>
    `engine ${s.engineInFlightDuringWindow.median} (max ${s.engineInFlightDuringWindow.max}), receiver open ${s.receiverOpenDuringWindow.median} (max ${s.receiverOpenDuringWindow.max})`;
  const outcomeCell = (s: NonNullable<typeof isoSlow.slow>) =>
    s.attemptOutcomes.map((o) => `${o.success ? "ok" : (o.errorClass ?? "failed")} ${o.count}`).join(", ") || "none yet";

  const rows: string[][] = [
    ["raw ceiling", `POST/s, ${raw.concurrency} conc, ${raw.bodyBytes} B body, keep-alive`, fmtRate(raw.perSec), "", "", cpuCell(raw.cpu)],
    ["", `request latency p50 / p95`, `${fmtMs(raw.latency.p50)} / ${fmtMs(raw.latency.p95)}`, "", "", ""],
    ["steady", `events/s accepted (${steady.ingest.accepted}/${steady.events}, target rate ${STEADY_RATE}/s)`, fmtRate(steady.ingest.acceptedPerSec), "", fmtPct(steady.ingest.acceptedPerSec / STEADY_RATE), cpuCell(steady.cpu)],
    ["", `deliveries/s completed (${steady.deliveries.delivered}/${steady.expectedDeliveries})`, fmtRate(steady.deliveries.perSec), "", `${fmtPct(steady.deliveries.perSec / raw.perSec)} of raw`, ""],
    ["", "ingest→first attempt p50 / p95 / p99", lat(steady.latency), `p95 ≤ ${TARGETS.steadyP95Ms} ms`, verdict(steady.latency.p95 <= TARGETS.steadyP95Ms), ""],
    ["", "ingest request p50 / p95", `${fmtMs(steady.ingest.requestMs.p50)} / ${fmtMs(steady.ingest.requestMs.p95)}`, "", "", ""],
    ["burst", `events/s accepted (${burst.ingest.accepted}/${burst.events}, ${BURST_CONCURRENCY} in flight)`, fmtRate(burst.ingest.acceptedPerSec), "", "", cpuCell(burst.ingest.cpu)],
    ["", `deliveries/s completed (${burst.deliveries.delivered}/${burst.expectedDeliveries})`, fmtRate(burst.deliveries.perSec), `≥ ${fmtPct(TARGETS.burstRatio)} raw`, `${fmtPct(burstRatio)} ${verdict(burstRatio >= TARGETS.burstRatio)}`, cpuCell(burst.cpu)],
    ["", "deliveries per accepted event-second", fmtNum(burst.deliveries.perSec / burst.ingest.acceptedPerSec, 2), "", `(${ENDPOINTS} = keeps up)`, ""],
    ["", "ingest→first attempt p50 / p95 / p99", lat(burst.latency), "", "", ""],
    ["", "ingest request p50 / p95", `${fmtMs(burst.ingest.requestMs.p50)} / ${fmtMs(burst.ingest.requestMs.p95)}`, "", "", ""],
    ["isolation", `baseline: fast endpoint ${ISO_RATE}/s × ${ISO_SECONDS} s, p50 / p95 / p99`, lat(isoBase.fast.latency), "", "", cpuCell(isoBase.cpu)],
    ["", `+ slow backlog (agent as shipped): p50 / p95 / p99`, lat(isoSlow.fast.latency), "", "", cpuCell(isoSlow.cpu)],
    ["", "  Δ p95 vs baseline", fmtMs(deltaShipped), `≤ ${TARGETS.isolationDeltaMs} ms`, verdict(deltaShipped <= TARGETS.isolationDeltaMs), ""],
    ["", `  slow in flight during window: ${slowCell(isoSlow.slow!)}`],
    ["", `  slow attempts after ${SLOW_HOLD_MS / 1000} s: ${outcomeCell(isoSlow.slow!)}`],
    ["", `+ slow backlog (what-if maxSockets ${WHAT_IF_MAX_SOCKETS}): p50 / p95 / p99`, lat(isoWhatIf.fast.latency), "", "", cpuCell(isoWhatIf.cpu)],
    ["", "  Δ p95 vs baseline", fmtMs(deltaWhatIf), `≤ ${TARGETS.isolationDeltaMs} ms`, verdict(deltaWhatIf <= TARGETS.isolationDeltaMs), ""],
    ["", `  slow in flight during window: ${slowCell(isoWhatIf.slow!)}`],
    ["", `  slow attempts after ${SLOW_HOLD_MS / 1000} s: ${outcomeCell(isoWhatIf.slow!)}`],
  ];
  const anomalies: string[] = [];
  for (const [name, phase] of [["steady", steady], ["burst", burst]] as const) {
    if (phase.ingest.failures) anomalies.push(`${name}: ${phase.ingest.failures} ingest failures (first: ${phase.ingest.firstFailure})`);
    if (phase.deliveries.delivered < phase.expectedDeliveries) anomalies.push(`${name}: ${phase.deliveries.delivered}/${phase.expectedDeliveries} delivered`);
    if (phase.deliveries.failedAttempts) anomalies.push(`${name}: ${phase.deliveries.failedAttempts} failed attempts`);
    if (phase.deliveries.repeats) anomalies.push(`${name}: ${phase.deliveries.repeats} duplicate arrivals`);
  }
  for (const phase of [isoBase, isoSlow, isoWhatIf]) {
    if (phase.ingest.failures) anomalies.push(`${phase.label}: ${phase.ingest.failures} ingest failures`);
    if (phase.fast.notDelivered) anomalies.push(`${phase.label}: ${phase.fast.notDelivered} fast deliveries not delivered`);
  }
  if (raw.failed) anomalies.push(`raw: ${raw.failed} failed requests`);
  report.summary = { burstRatio, isolationDeltaP95Ms: deltaShipped, isolationDeltaP95MsWhatIf: deltaWhatIf, targets: TARGETS, anomalies, totalSeconds: (Date.now() - benchStart) / 1000 };

  const out = [
    "",
    `Waypoint delivery bench: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}`,
    `ingest: route handler in-process (+Idempotency-Key) · engine: EmbeddedEngine in a child process, lib defaults · receivers: lib/receiver in the bench process`,
    "",
    table(["phase", "metric", "value", "target", "ratio / verdict", "CPU main/engine/pg"], rows),
    "",
    `CPU is % of one core over the phase (2 cores = 200%); pg commits/s: steady ${steady.cpu.pgCommitsPerSec}, burst ${burst.cpu.pgCommitsPerSec} (≈ ${fmtNum(burst.cpu.pgCommitsPerSec / burst.deliveries.perSec, 1)} per delivery)`,
    anomalies.length ? `anomalies: ${anomalies.join("; ")}` : "anomalies: none (every delivery delivered once, no failed attempts, no ingest errors)",
    `total ${fmtNum((Date.now() - benchStart) / 1000, 1)} s · JSON: bench/results/delivery.json`,
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
  const file = path.join(process.cwd(), "bench", "results", "delivery.json");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
}
process.exit(exitCode);
