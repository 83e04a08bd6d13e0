// The delivery bench's harness (bench/delivery.ts runs it): parameters, the environment lib/env.ts
// validates on first import, a fresh database (dropped at the end), the lib modules loaded after
// it, the engine child's handle, the report object and the clean-up. Imported first by every
// other module of bench/delivery/, so it is evaluated (and the database exists) before any of them.
import { fork } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Receiver } from "@/lib/receiver/server";
import type { EngineChild } from "../lib/child";
import type { EngineBenchOptions } from "../lib/protocol";
import { setBenchEnv } from "../lib/start-bench";

// ---------------------------------------------------------------------------------------------
// Parameters (kept small enough that the whole run stays under ~3 minutes on 2 cores).
export const RAW_WARMUP = 500;
export const RAW_COUNT = 3_000;
export const ENDPOINTS = 5;
// BENCH_STEADY_RATE lowers it to see latency below the machine's saturation point.
export const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100); // events/s
export const STEADY_EVENTS = 1_000;
export const BURST_EVENTS = 2_000;
export const BURST_CONCURRENCY = 20;
export const ISO_RATE = 20; // fast endpoint events/s
export const ISO_SECONDS = 8;
export const SLOW_MS = 5_000;
export const SLOW_IN_FLIGHT_TARGET = 1_000; // or less when BENCH_ENGINE_OPTIONS caps the engine lower
// More than the 1,000 lane so the lane stays full while the first wave answers after 5 s.
export const SLOW_BACKLOG = 3_000;
// Keep the slow lane busy this long after it filled, so queued attempts can hit their timeout.
export const SLOW_HOLD_MS = 11_000;
export const WHAT_IF_MAX_SOCKETS = 2_048;
// Open-loop ingest never has more than this many requests outstanding (an OMS has a pool too);
// hitting it shows up as an accepted rate below the target rate.
export const OPEN_LOOP_CAP = 100;
// Bounds, so a collapsing engine or a busy machine cannot stretch the run much past 3 minutes.
export const INGEST_GRACE_MS = 3_000; // open loop: stop issuing this long after the planned end
export const BURST_MAX_MS = 15_000; // closed loop: stop issuing after this
export const DRAIN_TIMEOUT_MS = 32_000; // waiting for a phase's last deliveries; one expired lease (30 s) fits
export const FAST_DRAIN_TIMEOUT_MS = 10_000;
export const HARD_DEADLINE_MS = 225_000;
export const TARGETS = { steadyP95Ms: 200, burstRatio: 0.5, isolationDeltaMs: 50 };

// ---------------------------------------------------------------------------------------------
// Environment first: lib/env.ts validates process.env when it is first imported. DELIVERY_ENGINE
// stays off: the bench starts the engine itself, in the child.
setBenchEnv({ WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_REQUIRE_HTTPS: "0" });
export const ENGINE_LOG_LEVEL = process.env.BENCH_ENGINE_LOG_LEVEL ?? "warn";
// Experiments without touching lib: BENCH_ENGINE_OPTIONS='{"maxInFlight":64}' overrides EngineOptions
// (default: none, i.e. the lib defaults that lib/jobs/start.ts uses).
export const ENGINE_OPTIONS = parseEngineOptions(process.env.BENCH_ENGINE_OPTIONS);

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
export const slowTarget = Math.min(SLOW_IN_FLIGHT_TARGET, ENGINE_OPTIONS.maxInFlight ?? Infinity, ENGINE_OPTIONS.maxPerEndpoint ?? Infinity);
export const engineOptionsLabel = Object.keys(ENGINE_OPTIONS).length ? `options ${JSON.stringify(ENGINE_OPTIONS)} over the lib defaults` : "lib defaults";

export const benchStart = Date.now();
export const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - benchStart) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);
const { createDatabase, dropDatabase } = await import("@/tests/support/database");

export const database = await createDatabase("waypoint_bench");
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
export const { pg, ingestPath, db, startReceiver, DELIVERY_CHANNEL } = loaded;
export const { createEndpoint, createIngestKey, createPartner } = loaded.factories;
export const createOrderRoute = ingestPath.handler;
log(`ingest path: ${ingestPath.description}`);

// A small pool of our own for counting, seeding and clean-up SQL (never on a measured path).
export const sql = new pg.Pool({ connectionString: database.url, max: 2 });

export const receivers = new Set<Receiver>();
export let child: EngineChild | null = null;
/** The engine child the phases talk to (the run spawns, swaps and closes it). */
export const setChild = (c: EngineChild | null) => void (child = c);
let cleanedUp = false;

export async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  await child?.close().catch((e: Error) => log(`engine child close failed: ${e.message}`));
  for (const r of receivers) await r.close().catch(() => {});
  await db.$disconnect().catch(() => {});
  await sql.end().catch(() => {});
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  log(`database ${database.name} dropped`);
}

export const report: Record<string, unknown> = {};
export async function writeReport(extra: Record<string, unknown> = {}) {
  const file = path.join(process.cwd(), "bench", "results", "delivery.json");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...report, ...extra }, null, 2)}\n`);
}

export const deadline = setTimeout(() => {
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
