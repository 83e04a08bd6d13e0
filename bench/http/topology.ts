import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { DIST_DIR } from "./build";

// The app as `npm start` runs it (scripts/start.ts: the web process and WAYPOINT_WORKERS delivery
// workers, each restarted if it dies), started with the bench's environment. The supervisor says
// which pid has which role; the bench reads them to measure each process's CPU and to kill one.

export const PROFILE_DIR = "bench/results/profiles";

export type Role = "web" | `worker ${number}`;
export type RoleEvent = { role: Role; pid: number; at: number };

export class Topology {
  /** Current pid of each role (restarts replace it). */
  readonly pids = new Map<Role, number>();
  /** Every (re)start of a role and every "ready" line a worker printed, with times. */
  readonly started: RoleEvent[] = [];
  readonly ready: { pid: number; at: number }[] = [];
  /** Log lines at warn and above, counted by message. */
  readonly logCounts = new Map<string, number>();

  private constructor(private readonly supervisor: ChildProcess, readonly port: number) {}

  /** Delivery worker processes (0: the web process runs the engine). */
  get workers() {
    return [...this.pids.keys()].filter((r) => r.startsWith("worker")).length;
  }

  static async start(opts: { port: number; workers: number | null; env: Record<string, string>; logFile: string; log: (line: string) => void }): Promise<Topology> {
    const env: Record<string, string> = { ...opts.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
    if (opts.workers !== null) env.WAYPOINT_WORKERS = String(opts.workers);
    // BENCH_CPU_PROF=1: every app process writes a V8 CPU profile when it exits (summarise them
    // with `npx tsx bench/http/profile.ts bench/results/profiles/*.cpuprofile`).
    if (process.env.BENCH_CPU_PROF === "1") env.WAYPOINT_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}`;
    const supervisor = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "-p", String(opts.port)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const topology = new Topology(supervisor, opts.port);
    const file = createWriteStream(opts.logFile);
    for (const stream of [supervisor.stdout!, supervisor.stderr!]) {
      stream.pipe(file, { end: false });
      createInterface({ input: stream }).on("line", (line) => {
        const started = /^\[start\] (web|worker \d+) pid (\d+)/.exec(line);
        if (started) {
          const role = started[1] as Role;
          topology.pids.set(role, Number(started[2]));
          topology.started.push({ role, pid: Number(started[2]), at: Date.now() });
        }
        if (line.includes("delivery worker ready")) topology.ready.push({ pid: 0, at: Date.now() });
        if (line.startsWith("[start]")) opts.log(line);
        else topology.count(line);
      });
    }
    await topology.waitUp(90_000);
    return topology;
  }

  private count(line: string) {
    let kind = line.slice(0, 120);
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { code?: string; message?: string } };
      if ((entry.level ?? 50) < 40) return;
      kind = `${entry.msg ?? "log"}${entry.err ? ` [${entry.err.code ?? ""} ${(entry.err.message ?? "").slice(0, 80)}]` : ""}`;
    } catch {
      // a plain line (Next's banner, a stack trace)
      if (/^\s*(▲|✓|-|Local:|Network:|Starting|Ready|delivery worker ready)/.test(line) || line.trim() === "") return;
    }
    this.logCounts.set(kind, (this.logCounts.get(kind) ?? 0) + 1);
  }

  /** Until the web process answers and every worker said it is ready. */
  async waitUp(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.supervisor.exitCode !== null) throw new Error(`npm start's supervisor exited (code ${this.supervisor.exitCode}); see the app log`);
      const up = await fetch(`http://127.0.0.1:${this.port}/login`).then((r) => r.ok, () => false);
      if (up && this.ready.length >= this.workers) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the app on port ${this.port} did not come up within ${timeoutMs / 1000} s`);
  }

  /** The process that holds deliveries: the first worker, or the web process when it runs the engine. */
  deliveryHolder(): { role: Role; pid: number } {
    const role: Role = this.pids.has("worker 1") ? "worker 1" : "web";
    return { role, pid: this.pids.get(role)! };
  }

  kill9(pid: number) {
    process.kill(pid, "SIGKILL");
  }

  async stop() {
    if (this.supervisor.exitCode !== null) return;
    const gone = new Promise((r) => this.supervisor.once("exit", r));
    this.supervisor.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const pid of this.pids.values()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone
        }
      }
      this.supervisor.kill("SIGKILL");
    }, 30_000);
    await gone;
    clearTimeout(timer);
  }
}
