import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { ChildCommand, ChildReadyMessage, ChildResponseMessage, ChildResults } from "./protocol";

const CHILD_ENTRY = path.join(process.cwd(), "bench", "lib", "engine-child.ts");

/** Parent-side handle on bench/lib/engine-child.ts: request/response over the IPC channel. */
export class EngineChild {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited = false;
  /** Warnings/errors the child logged, counted by message and error code (see countLine). */
  readonly logCounts: Map<string, number>;

  private constructor(
    private readonly proc: ChildProcess,
    readonly agentMaxSockets: number | null,
    logCounts: Map<string, number>,
  ) {
    this.logCounts = logCounts;
    proc.on("message", (message: ChildResponseMessage) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`engine child: ${message.error}`));
    });
    proc.on("exit", (code, signal) => {
      this.exited = true;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`engine child exited (code ${code}, signal ${signal})`));
      this.pending.clear();
    });
  }

  get pid() {
    return this.proc.pid;
  }

  /** Copy of the log counters, to diff per phase. */
  logSnapshot(): Map<string, number> {
    return new Map(this.logCounts);
  }

  static async spawn(label: string, env: Record<string, string>, timeoutMs = 30_000): Promise<EngineChild> {
    // execArgv defaults to the parent's: the tsx loader and --conditions=react-server.
    const proc = fork(CHILD_ENTRY, [], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const counts = new Map<string, number>();
    for (const stream of [proc.stdout, proc.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => countLine(label, line, counts));
    }
    const ready = await new Promise<ChildReadyMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`engine child ${label} not ready after ${timeoutMs} ms`)), timeoutMs);
      proc.once("message", (m: ChildReadyMessage) => {
        clearTimeout(timer);
        resolve(m);
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`engine child ${label} exited during start-up (code ${code})`));
      });
    });
    return new EngineChild(proc, ready.agentMaxSockets, counts);
  }

  call<C extends ChildCommand>(command: C, timeoutMs = 60_000): Promise<ChildResults[C["cmd"]]> {
    if (this.exited) return Promise.reject(new Error("engine child has exited"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`engine child: ${command.cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as ChildResults[C["cmd"]])),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.proc.send({ id, ...command });
    });
  }

  /** Asks the child to stop its engine and exit; kills it (by pid) if it does not within the grace period. */
  async close(graceMs = 20_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once("exit", () => resolve()));
    await this.call({ cmd: "exit" }, graceMs).catch(() => {});
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 2_000);
    await gone;
    clearTimeout(timer);
  }
}

const ECHO_PER_KIND = 2;

/**
 * Child output is pino JSON (LOG_LEVEL in the child) or plain text (crashes). Under load the
 * engine can log thousands of identical lines, so they are counted by message + error code and
 * only the first few of each kind are echoed to stderr.
 */
function countLine(label: string, line: string, counts: Map<string, number>) {
  let kind = "output";
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { code?: string; type?: string; message?: string } };
    const code = entry.err ? (entry.err.code ?? entry.err.type ?? "error") : null;
    // Prisma messages start with blank lines and name the call: "Invalid `prisma.delivery.findUnique()` invocation: …".
    const message = (entry.err?.message ?? "").replace(/\s+/g, " ").replace(/Invalid `([^`]+)` invocation:/, "in $1:").trim().slice(0, 110);
    kind = `${entry.msg ?? "log"}${code ? ` [${code}: ${message}]` : ""}`;
  } catch {
    // not JSON: a stack trace or a console line
  }
  const n = (counts.get(kind) ?? 0) + 1;
  counts.set(kind, n);
  if (n <= ECHO_PER_KIND) process.stderr.write(`[engine ${label}] ${line.slice(0, 400)}${n === ECHO_PER_KIND ? " (further lines of this kind are only counted)" : ""}\n`);
}

/** after - before, per kind, non-zero only. */
export function logDelta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) > 0) out[k] = v - (before.get(k) ?? 0);
  return out;
}
