import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { loadAverage, machineBusyMs, pidsCpu, pidsDelta, postgresServerCpuMs, processCpuMs } from "../lib/cpu";
import { ensureBuild } from "./build";
import { config } from "./config";
import { Child } from "./ipc";
import { Topology } from "./topology";

// Everything a bench:http run stands on: a fresh database on the local PostgreSQL (dropped at the
// end), the receiver and the client in processes of their own, one partner with five endpoints
// (paths /e0 … /e4 on the receiver) and one ingest key with a raised limit, and the app as `npm
// start` runs it. Plus CPU accounting per process over any window.

const benchStart = Date.now();
export const log = (msg: string) => process.stderr.write(`[bench:http ${((Date.now() - benchStart) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);

// lib/env.ts validates process.env when first imported: set it before any lib import.
const appEnv = {
  NODE_ENV: "production",
  WAYPOINT_LOCAL: "1",
  AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
  SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  APP_URL: `http://127.0.0.1:${config.port}`,
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
  WEBHOOK_REQUIRE_HTTPS: "0",
  DELIVERY_ENGINE: "embedded",
  LOG_LEVEL: "warn",
};
Object.assign(process.env, appEnv, { LOG_LEVEL: "silent" });

export const PATHS = Array.from({ length: config.endpoints }, (_, i) => `/e${i}`);

/** BENCH_PG_SOCKET=<dir>: connect through PostgreSQL's Unix socket in that directory instead of TCP. */
function socketUrl(url: string) {
  const dir = process.env.BENCH_PG_SOCKET;
  if (!dir) return url;
  const u = new URL(url);
  u.hostname = "localhost";
  u.searchParams.set("host", dir);
  return u.toString();
}

export type World = Awaited<ReturnType<typeof createWorld>>;

export async function createWorld() {
  const { createDatabase, dropDatabase } = await import("@/tests/support/database");
  const created = await createDatabase("waypoint_bench_http");
  const database = { ...created, url: socketUrl(created.url) };
  process.env.DATABASE_URL = database.url;
  log(`database ${database.name} created and migrated`);
  const sql = new pg.Pool({ connectionString: database.url, max: 2 });
  sql.on("error", (err) => log(`bench pool: ${err.message}`)); // e.g. Postgres restarted by another test run
  const children: Child[] = [];
  let topology: Topology | null = null;

  const cleanup = async () => {
    await topology?.stop().catch((e: Error) => log(`stopping the app: ${e.message}`));
    for (const c of children) c.close();
    await sql.end().catch(() => {});
    const { db } = await import("@/lib/db/client");
    await db.$disconnect().catch(() => {});
    await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
    log(`database ${database.name} dropped`);
  };

  try {
    ensureBuild({ reuse: config.reuseBuild, log }); // with this run's environment: start-up validates it
    const here = path.join(process.cwd(), "bench", "http");
    const receiver = await Child.start(path.join(here, "receiver.ts"), "receiver");
    children.push(receiver);
    const client = await Child.start(path.join(here, "client.ts"), "client");
    children.push(client);
    const receiverUrl = await receiver.call<string>("url");

    const { createEndpoint, createIngestKey, createPartner } = await import("@/prisma/factories");
    const { db } = await import("@/lib/db/client");
    const partner = await createPartner({ name: "Bench HTTP" });
    for (const p of PATHS) await createEndpoint({ partnerId: partner.id, url: `${receiverUrl}${p}` });
    const ingestKey = await createIngestKey(partner.id, "Bench OMS");
    // One OMS key must not be the platform's ceiling (the default is 6,000 a minute).
    await db.apiKey.update({ where: { id: ingestKey.id }, data: { ingestRateLimitPerMinute: 10_000_000 } });
    log(`partner with ${PATHS.length} endpoints on ${receiverUrl}; ingest key limit 10,000,000/min`);

    const logFile = path.join(process.cwd(), "bench", "results", "http-app.log");
    await mkdir(path.dirname(logFile), { recursive: true }); // a fresh clone has no results yet
    topology = await Topology.start({ port: config.port, workers: config.workers, env: { ...appEnv, DATABASE_URL: database.url }, logFile, log });
    log(`app up on port ${config.port}: web pid ${topology.pids.get("web")}, ${topology.workers} delivery worker(s)${topology.workers ? ` (pid ${topology.pids.get("worker 1")})` : " (the engine runs in the web process)"}; log in ${path.relative(process.cwd(), logFile)}`);
    const app = topology;

    const backendPids = async () => (await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).rows.map((r) => r.pid);

    /** CPU of each process since a mark, as % of one core. */
    const cpuMark = async () => {
      const procs = new Map<string, { pid: number; ms: number | null }>();
      const add = async (label: string, pid: number | undefined) => pid && procs.set(label, { pid, ms: await processCpuMs(pid) });
      for (const [role, pid] of app.pids) await add(role, pid);
      await add("client", client.pid);
      await add("receiver", receiver.pid);
      const main = process.cpuUsage();
      // The whole PostgreSQL server when /proc shows it (WAL writer, exited backends); else our database's backends.
      const pgServer = await postgresServerCpuMs();
      const pg = pgServer === null ? await pidsCpu(await backendPids()) : null;
      return { wall: Date.now(), procs, main: (main.user + main.system) / 1000, pgServer, pg, machine: await machineBusyMs(), load: loadAverage() };
    };
    type Mark = Awaited<ReturnType<typeof cpuMark>>;
    const cpuSince = async (m: Mark) => {
      const now = await cpuMark();
      const wall = Math.max(1, now.wall - m.wall);
      const pct = (ms: number) => Math.round((100 * ms) / wall);
      const out: Record<string, number> = {};
      let ours = 0;
      for (const [label, before] of m.procs) {
        const after = now.procs.get(label);
        // A process killed or restarted during the window: what it used until then is unknown here.
        if (!after || after.pid !== before.pid || before.ms === null || after.ms === null) continue;
        out[label] = pct(after.ms - before.ms);
        ours += after.ms - before.ms;
      }
      const pgMs = m.pgServer !== null && now.pgServer !== null ? now.pgServer - m.pgServer : pidsDelta(m.pg ?? new Map(), now.pg ?? new Map());
      out.postgres = pct(pgMs);
      out["bench main"] = pct(now.main - m.main);
      ours += pgMs + (now.main - m.main);
      const machine = now.machine - m.machine;
      return { percentOfOneCore: out, machineBusyPct: pct(machine), othersPct: Math.max(0, pct(machine - ours)), loadAverage: { start: m.load, end: now.load } };
    };

    return { database, sql, receiver, client, receiverUrl, ingestKey: ingestKey.key, partnerId: partner.id, topology: app, cpuMark, cpuSince, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
