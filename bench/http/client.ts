import http from "node:http";
import { performance } from "node:perf_hooks";
import { unzipSync } from "node:zlib";
import { config } from "./config";
import { serve } from "./ipc";

// The load generator, in a process of its own: an OMS posting orders over HTTP with keep-alive
// connections. `load` is open loop (a fixed schedule: request i is due at start + i/rate whatever
// the answers do, and its latency counts from when it was due, so a slow server cannot hide its
// queue); `ceiling` is closed loop (N connections, each sends as soon as its answer arrives).

const now = () => performance.timeOrigin + performance.now();

type Target = { url: string; headers: Record<string, string>; body: string };
type Answer = { status: number; body: string };

// unzipSync reads either format from its header: the two encodings the client accepts.
const decode = (body: Buffer, encoding: string | undefined) =>
  (encoding === "gzip" || encoding === "deflate" ? unzipSync(body) : body).toString("utf8");

function post(agent: http.Agent, target: Target): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(target.url, {
      method: "POST",
      agent,
      headers: { ...target.headers, "content-length": String(Buffer.byteLength(target.body)) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      // It asks for gzip as an OMS's client does, so it decodes what comes compressed as they do.
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: decode(Buffer.concat(chunks), res.headers["content-encoding"]) }));
      res.on("error", () => resolve({ status: -1, body: "" }));
    });
    req.on("error", () => resolve({ status: -1, body: "" })); // refused, reset: the server was down
    req.end(target.body);
  });
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]! : NaN);

export type CeilingResult = { perSecond: number; requests: number; seconds: number; statuses: Record<string, number>; p50: number; p99: number };

async function ceiling(args: Target & { connections: number; seconds: number }): Promise<CeilingResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const started = now();
  const end = started + args.seconds * 1000;
  await Promise.all(
    Array.from({ length: args.connections }, async () => {
      while (now() < end) {
        const t = now();
        const answer = await post(agent, args);
        latencies.push(now() - t);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  const seconds = (now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, requests: latencies.length, seconds, statuses, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

export type LoadResult = {
  startedAt: number;
  /** Per request, in schedule order: when it was due, when its answer ended (NaN: never sent), its status, the event id of a 201. */
  due: number[];
  done: number[];
  status: number[];
  eventId: (string | null)[];
  /** Requests not sent because maxOutstanding were already waiting (the OMS's pool was exhausted). */
  notSent: number;
};

async function load(args: { url: string; key: string; rate: number; seconds: number; refPrefix: string; maxOutstanding: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: args.maxOutstanding });
  const total = Math.round(args.rate * args.seconds);
  const interval = 1000 / args.rate;
  const result: LoadResult = { startedAt: now(), due: [], done: [], status: [], eventId: [], notSent: 0 };
  const startedAt = result.startedAt;
  let outstanding = 0;
  const finished: Promise<void>[] = [];
  const headers = { authorization: `Bearer ${args.key}`, "content-type": "application/json", "accept-encoding": config.omsAcceptEncoding };

  const send = (i: number) => {
    result.due[i] = startedAt + i * interval;
    result.done[i] = NaN;
    result.status[i] = 0;
    result.eventId[i] = null;
    if (outstanding >= args.maxOutstanding) {
      result.notSent++;
      return;
    }
    outstanding++;
    const body = JSON.stringify({ merchant_order_ref: `${args.refPrefix}-${i}`, customer_id: `c-${i}`, customer_name: "Bench Customer", customer_phone: "+919812345678" });
    finished.push(
      post(agent, { url: args.url, headers, body }).then((answer) => {
        outstanding--;
        result.done[i] = now();
        result.status[i] = answer.status;
        if (answer.status === 201) {
          try {
            result.eventId[i] = (JSON.parse(answer.body) as { event: { event_id: string } }).event.event_id;
          } catch {
            result.eventId[i] = null;
          }
        }
      }),
    );
  };

  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      while (next < total && startedAt + next * interval <= t) send(next++);
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, startedAt + next * interval - now()));
    };
    tick();
  });
  await Promise.all(finished);
  agent.destroy();
  return result;
}

serve({ ceiling, load });
