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
  /** Lines the child wrote (pino logs at LOG_LEVEL, stack traces); forwarded to stderr as they come. */
  readonly logLines: string[] = [];

  private constructor(
    private readonly proc: ChildProcess,
    readonly agentMaxSockets: number | null,
  ) {
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

  static async spawn(label: string, env: Record<string, string>, timeoutMs = 30_000): Promise<EngineChild> {
    // execArgv defaults to the parent's: the tsx loader and --conditions=react-server.
    const proc = fork(CHILD_ENTRY, [], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const lines: string[] = [];
    for (const stream of [proc.stdout, proc.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        process.stderr.write(`[engine ${label}] ${line}\n`);
      });
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
    const child = new EngineChild(proc, ready.agentMaxSockets);
    child.logLines.push(...lines);
    return child;
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
