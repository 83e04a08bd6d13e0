// Sends what the demo traffic rules plan (lib/dev/traffic.ts) through the real ingest API, every
// `intervalMs`, as the OMS would: Bearer ingest key, an Idempotency-Key per request (a retried
// request after a lost answer gets the first answer back, never a second order or event).
// Development only; started by lib/dev/world.ts.
import { applyOutcome, planTick, type Random, type TrafficAction, type TrafficOutcome, type TrafficPartner, type TrafficState } from "@/lib/dev/traffic";

export type TrafficRunner = {
  state: TrafficState;
  /** Requests the API accepted / refused / could not take, since start. */
  stats: { created: number; events: number; refused: number; failed: number };
  /** Runs one tick now (tests); resolves when its requests are answered. */
  tick(): Promise<void>;
  stop(): Promise<void>;
};

export function startTrafficRunner(opts: {
  appUrl: string;
  ingestKey: string;
  partners: readonly TrafficPartner[];
  intervalMs: number;
  random?: Random;
  log?: (line: string) => void;
  /** false: no timer, ticks only through tick() (tests). */
  autostart?: boolean;
}): TrafficRunner {
  const random = opts.random ?? Math.random;
  const log = opts.log ?? (() => undefined);
  const state: TrafficState = { orders: [], created: 0 };
  const stats = { created: 0, events: 0, refused: 0, failed: 0 };
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastProblem = "";

  async function send(action: TrafficAction): Promise<TrafficOutcome> {
    const path = action.kind === "create" ? "/api/v1/orders" : `/api/v1/orders/${action.orderId}/events`;
    const idempotencyKey = action.kind === "create" ? `demo-${action.ref}` : `demo-${action.ref}-${action.body.event}-${action.body.occurred_at}`;
    try {
      // ?source=demo-traffic: next.config.ts leaves these out of the dev server's request log.
      const res = await fetch(new URL(`${path}?source=demo-traffic`, opts.appUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${opts.ingestKey}`, "content-type": "application/json", "idempotency-key": idempotencyKey },
        body: JSON.stringify(action.body),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json().catch(() => ({}))) as { order_id?: string; error?: { message?: string } };
      if (res.ok) {
        if (action.kind === "create") stats.created++;
        else stats.events++;
        return { ok: true, orderId: json.order_id };
      }
      const retry = res.status === 429 || res.status >= 500;
      if (retry) stats.failed++;
      else stats.refused++;
      problem(`${res.status} from POST ${path}${json.error?.message ? `: ${json.error.message}` : ""}`);
      return { ok: false, retry };
    } catch (err) {
      stats.failed++;
      problem(`POST ${path} failed: ${(err as Error).message}`);
      return { ok: false, retry: true };
    }
  }

  // The same problem again and again (the app restarting) is said once.
  function problem(text: string) {
    const kind = text.replace(/\/orders\/[^/]+/, "/orders/…");
    if (kind !== lastProblem) log(`demo traffic: ${text}`);
    lastProblem = kind;
  }

  async function runTick() {
    const actions = planTick(state, opts.partners, Date.now(), random);
    // Sent one after the other: an order's events arrive in the order they happened.
    for (const action of actions) {
      if (stopped) return;
      const outcome = await send(action);
      if (outcome.ok) lastProblem = "";
      applyOutcome(state, action, outcome, Date.now(), opts.intervalMs, random);
    }
  }

  const tick = () => {
    if (!running) running = runTick().finally(() => (running = null));
    return running;
  };
  const timer = opts.autostart === false ? null : setInterval(() => void tick(), opts.intervalMs);
  timer?.unref();
  return {
    state,
    stats,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
