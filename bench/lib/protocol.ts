// IPC between bench/delivery.ts and its engine child (bench/lib/engine-child.ts).

export type EngineBenchOptions = { maxInFlight?: number; maxPerEndpoint?: number; leaseMs?: number; pollMs?: number };

export type RawRequest = {
  url: string;
  count: number;
  concurrency: number;
  body: string;
  headers: Record<string, string>;
};

export type RawResult = { ms: number; ok: number; failed: number; latency: { p50: number; p95: number; p99: number } };

export type ChildStats = { inFlight: number; cpuMs: number; agentMaxSockets: number | null };

export type ChildCommand =
  | { cmd: "raw"; request: RawRequest }
  | { cmd: "start"; options: EngineBenchOptions }
  | { cmd: "stats" }
  | { cmd: "stop" }
  | { cmd: "exit" };

export type ChildResults = {
  raw: RawResult;
  start: { options: EngineBenchOptions };
  stats: ChildStats;
  stop: { stopMs: number };
  exit: { bye: true };
};

export type ChildRequestMessage = { id: number } & ChildCommand;
export type ChildResponseMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export type ChildReadyMessage = { ready: true; agentMaxSockets: number | null };
