import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

// `npm start [-- next start options]`: the production topology for one box. One web process
// (`next start`, BACKGROUND_WORK=off: it serves requests only) and WAYPOINT_WORKERS delivery
// workers (scripts/delivery-worker.ts: delivery and SMS engines, mail and monitor loops), each
// restarted at once if it dies; a killed worker's leases expire and the restarted one (or another
// worker) resumes its deliveries. WAYPOINT_WORKERS=0 runs everything in `next start` instead.
// Why this topology: docs/performance.md (measured with `npm run bench:http`).
// Plain Node only (no lib imports): the children validate the environment themselves.

const DEFAULT_WORKERS = 1;
const workers = parseWorkers(process.env.WAYPOINT_WORKERS);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
/** A child that dies sooner than this after starting is restarted after a pause, not in a hot loop. */
const QUICK_DEATH_MS = 10_000;
const RESTART_PAUSE_MS = 2_000;

/** Extra Node flags for every child, e.g. `--max-old-space-size=2048` or `--cpu-prof` (bench:http's BENCH_CPU_PROF). */
const nodeArgs = (process.env.WAYPOINT_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);

// Idle keep-alive connections stay open 65 s, not Node's 5 s: an OMS (or a load balancer, whose
// idle timeout is typically 60 s) reusing a connection the server is closing at that instant gets
// a reset instead of an answer (bench:http saw 1 in 12,000 requests fail that way at 200/s).
// `npm start -- --keepAliveTimeout <ms>` still chooses another value.
const keepAlive = process.argv.includes("--keepAliveTimeout") ? [] : ["--keepAliveTimeout", "65000"];

type Role = { name: string; args: string[]; env: Record<string, string> };
const roles: Role[] = [
  { name: "web", args: [nextBin, "start", ...keepAlive, ...process.argv.slice(2)], env: workers > 0 ? { BACKGROUND_WORK: "off" } : {} },
  ...Array.from({ length: workers }, (_, i) => ({
    name: `worker ${i + 1}`,
    // In-process loader (not the tsx CLI, which runs the script in a child a kill -9 would orphan).
    args: ["--conditions=react-server", "--import", "tsx", "scripts/delivery-worker.ts"],
    env: {},
  })),
];

let stopping = false;
const running = new Map<Role, ChildProcess>();
const log = (line: string) => console.log(`[start] ${line}`);

function parseWorkers(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_WORKERS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 16) {
    console.error(`Invalid environment configuration:\n  WAYPOINT_WORKERS: must be a whole number from 0 to 16 (delivery worker processes beside the web process)`);
    process.exit(1);
  }
  return n;
}

function launch(role: Role) {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, ...role.args], { env: { ...process.env, ...role.env }, stdio: "inherit" });
  running.set(role, child);
  log(`${role.name} pid ${child.pid}`);
  child.on("exit", (code, signal) => {
    running.delete(role);
    if (stopping) {
      if (running.size === 0) process.exit(0);
      return;
    }
    const pause = Date.now() - startedAt < QUICK_DEATH_MS ? RESTART_PAUSE_MS : 0;
    log(`${role.name} (pid ${child.pid}) exited (${signal ?? `code ${code}`}); restarting${pause ? ` in ${pause / 1000} s` : ""}`);
    setTimeout(() => !stopping && launch(role), pause);
  });
}

function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping ${running.size} process(es)`);
  if (running.size === 0) process.exit(0);
  for (const child of running.values()) child.kill("SIGTERM");
  // Workers finish attempts in flight (up to 15 s) before they exit.
  setTimeout(() => {
    for (const child of running.values()) child.kill("SIGKILL");
    process.exit(1);
  }, 25_000).unref();
}

log(`topology: 1 web process${workers ? ` (BACKGROUND_WORK=off) + ${workers} delivery worker(s)` : " running the background work itself"}`);
for (const role of roles) launch(role);
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
