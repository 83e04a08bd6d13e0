// bench:http's parameters. Defaults are the protocol (60 s per rate, 50/100/200/400
// orders/s × 5 endpoints); each can be overridden for a quicker or a focused run.

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
};
const numOrZero = (name: string, fallback: number) => (process.env[name] === "0" ? 0 : num(name, fallback));
const list = (name: string, fallback: number[]) => {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw.split(",").map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new Error(`${name} must be a comma-separated list of positive numbers`);
  return values;
};

const PHASES = ["ceilings", "steady", "search", "slow", "kill"] as const;
export type Phase = (typeof PHASES)[number];

function phases(): Phase[] {
  const raw = process.env.BENCH_PHASES;
  if (!raw) return [...PHASES];
  const picked = raw.split(",").map((p) => p.trim());
  for (const p of picked) if (!PHASES.includes(p as Phase)) throw new Error(`BENCH_PHASES: unknown phase ${p} (known: ${PHASES.join(", ")})`);
  return picked as Phase[];
}

export const config = {
  /** Seconds of load per offered rate and per phase (BENCH_SECONDS). */
  seconds: num("BENCH_SECONDS", 60),
  /** Offered rates, orders/s (BENCH_RATES=50,100,200,400). */
  rates: list("BENCH_RATES", [50, 100, 200, 400]),
  phases: phases(),
  endpoints: 5,
  /**
   * Extra steady phases between the highest rate that met the target and the lowest that did not,
   * each halving the gap (BENCH_SEARCH_STEPS, 0 for none), until it is at most searchResolution.
   */
  searchSteps: Math.floor(numOrZero("BENCH_SEARCH_STEPS", 2)),
  searchResolution: 25,
  /** Rate of the slow-endpoint and kill phases (orders/s). */
  slowRate: num("BENCH_SLOW_RATE", 100),
  killRate: num("BENCH_KILL_RATE", 100),
  slowEndpointMs: 5000,
  /** Delivery worker processes beside the web process (WAYPOINT_WORKERS); unset: what `npm start` runs by default. */
  workers: process.env.BENCH_WORKERS === undefined || process.env.BENCH_WORKERS === "" ? null : Number(process.env.BENCH_WORKERS),
  port: num("BENCH_PORT", 3390),
  reuseBuild: process.env.BENCH_REUSE_BUILD === "1",
  warmupSeconds: 8,
  warmupRates: [50, 150],
  ceilingSeconds: num("BENCH_CEILING_SECONDS", 5),
  ceilingConnections: 32,
  /**
   * Sent with every ingest request and the bare-route ceiling's, as the HTTP clients an OMS is
   * written with send it by default (Go's net/http, Python requests, Node's fetch, axios).
   */
  omsAcceptEncoding: "gzip, deflate",
  /** Open-loop client: at most this many requests waiting for an answer (an OMS's connection pool). */
  maxOutstanding: 1000,
  /** After a phase's schedule ends: how long to wait for its last deliveries. */
  drainSeconds: num("BENCH_DRAIN_SECONDS", 45),
  pauseBetweenMs: 3000,
  /** Each rate's ingest→arrival p95 target (the issue's), for the "highest rate meeting it" line. */
  targetP95Ms: 200,
  targetP99Ms: 500,
} as const;
