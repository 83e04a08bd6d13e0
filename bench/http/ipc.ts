import { fork, type ChildProcess } from "node:child_process";

// Request/response over a forked child's IPC channel: the bench's client and receiver run in
// processes of their own, so each one's CPU is its own and neither slows the other's event loop.

type Handlers = Record<string, (args: never) => unknown>;
type Message = { id: number; cmd: string; args: unknown };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** In the child: answers the parent's calls with these handlers, then says it is ready. */
export function serve(handlers: Handlers) {
  process.on("message", (m: Message) => {
    void (async () => {
      try {
        const handler = handlers[m.cmd];
        if (!handler) throw new Error(`unknown command ${m.cmd}`);
        const result = await handler(m.args as never);
        process.send!({ id: m.id, ok: true, result } satisfies Reply);
      } catch (error) {
        process.send!({ id: m.id, ok: false, error: (error as Error).stack ?? String(error) } satisfies Reply);
      }
    })();
  });
  process.on("disconnect", () => process.exit(0)); // the bench ended (or died): nothing left to serve
  process.send!({ id: 0, ok: true, result: "ready" } satisfies Reply);
}

/** In the parent: forks `entry` (with the parent's tsx loader) and calls its handlers. */
export class Child {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private constructor(readonly proc: ChildProcess, readonly label: string) {
    proc.on("message", (m: Reply) => {
      const waiter = this.pending.get(m.id);
      if (!waiter) return;
      this.pending.delete(m.id);
      if (m.ok) waiter.resolve(m.result);
      else waiter.reject(new Error(`${label}: ${m.error}`));
    });
    proc.on("exit", (code, signal) => {
      for (const w of this.pending.values()) w.reject(new Error(`${label} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  static async start(entry: string, label: string, env: Record<string, string> = {}): Promise<Child> {
    const proc = fork(entry, [], { env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    await new Promise<void>((resolve, reject) => {
      proc.once("message", () => resolve());
      proc.once("exit", (code) => reject(new Error(`${label} exited during start-up (code ${code})`)));
    });
    return new Child(proc, label);
  }

  get pid() {
    return this.proc.pid!;
  }

  call<T>(cmd: string, args: unknown = {}, timeoutMs = 600_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.label}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.proc.send({ id, cmd, args } satisfies Message);
    });
  }

  close() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGTERM");
  }
}
