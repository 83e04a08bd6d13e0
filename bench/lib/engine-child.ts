// Child process for bench/delivery.ts: runs the EmbeddedEngine (and the raw HTTP baseline)
// in its own process, as a deployed delivery worker would, so it gets its own core and its own
// Prisma pool. Forked with the parent's execArgv (tsx loader + --conditions=react-server) and env.
import http from "node:http";
import type { ChildCommand, ChildReadyMessage, ChildRequestMessage, ChildResponseMessage, ChildResults, RawRequest, RawResult } from "./protocol";
import { percentile } from "./stats";

// Observe (and, for the what-if run only, override) the maxSockets of the keep-alive agent that
// lib/delivery/http-attempt.ts creates at import. Must run before that module is imported.
// BENCH_AGENT_MAX_SOCKETS is a benchmark experiment, not a product setting.
const override = Number(process.env.BENCH_AGENT_MAX_SOCKETS ?? 0);
let libAgentMaxSockets: number | null = null;
const OriginalAgent = http.Agent;
class ObservedAgent extends OriginalAgent {
  constructor(options?: http.AgentOptions) {
    const patched = options?.keepAlive && override > 0 ? { ...options, maxSockets: override } : options;
    super(patched);
    if (options?.keepAlive && libAgentMaxSockets === null) libAgentMaxSockets = patched?.maxSockets ?? null;
  }
}
(http as { Agent: typeof http.Agent }).Agent = ObservedAgent;

const { EmbeddedEngine } = await import("@/lib/delivery/engine/embedded");
const { sendHttpAttempt } = await import("@/lib/delivery/http-attempt");
const { env } = await import("@/lib/env");
const { db } = await import("@/lib/db/client");
type Engine = InstanceType<typeof EmbeddedEngine>;

// Importing http-attempt created the agent; a throwaway attempt is not needed to observe it.
void sendHttpAttempt;

let engine: Engine | null = null;

function post(agent: http.Agent, url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      // Read the (small) answer like the engine does, then hand the socket back to the pool.
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

// One agent per target, kept between the warm-up call and the measured one: the measured run
// starts on open keep-alive sockets, as the engine's long-lived agent does.
const rawAgents = new Map<string, http.Agent>();

/** Plain keep-alive POSTs, `concurrency` at a time: the ceiling the engine is compared with. */
async function raw(request: RawRequest): Promise<RawResult> {
  const agentKey = `${request.url} ${request.concurrency}`;
  const agent = rawAgents.get(agentKey) ?? new OriginalAgent({ keepAlive: true, maxSockets: request.concurrency, maxFreeSockets: request.concurrency });
  rawAgents.set(agentKey, agent);
  const url = new URL(request.url);
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < request.count) {
      next++;
      const t = performance.now();
      const status = await post(agent, url, request.body, request.headers);
      latencies.push(performance.now() - t);
      if (status >= 200 && status < 300) ok++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { ms, ok, failed, latency: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) } };
}

async function handle(command: ChildCommand): Promise<ChildResults[ChildCommand["cmd"]]> {
  switch (command.cmd) {
    case "raw":
      return raw(command.request);
    case "start": {
      if (engine) throw new Error("engine already running");
      engine = new EmbeddedEngine({ connectionString: env.DATABASE_URL, ...command.options });
      await engine.start();
      return { options: command.options };
    }
    case "stats": {
      const cpu = process.cpuUsage();
      return { inFlight: engine?.inFlightCount ?? 0, cpuMs: (cpu.user + cpu.system) / 1000, agentMaxSockets: libAgentMaxSockets };
    }
    case "stop": {
      const t = performance.now();
      await engine?.stop();
      engine = null;
      return { stopMs: performance.now() - t };
    }
    case "exit": {
      await engine?.stop();
      engine = null;
      await db.$disconnect();
      setImmediate(() => process.exit(0));
      return { bye: true };
    }
  }
}

process.on("message", (message: ChildRequestMessage) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies ChildResponseMessage),
    (err: unknown) => process.send?.({ id: message.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies ChildResponseMessage),
  );
});
// The parent died without saying goodbye: do not linger holding connections.
process.on("disconnect", () => process.exit(1));
process.send?.({ ready: true, agentMaxSockets: libAgentMaxSockets } satisfies ChildReadyMessage);
