// Adaptive delivery (issue 15): an endpoint whose receiver pushes back gets fewer of our requests,
// and gets them back gradually. Additive increase, multiplicative decrease, per endpoint and per
// engine process (each process reacts to the answers it gets, so several converge together):
// - pushback: 429 or 503 (throttling), or a timeout (the receiver slowing down past its deadline);
//   on 429/503 the send rate and the concurrency are halved, on a timeout the concurrency only; at
//   most one cut a second (the answers to one burst arrive together and count as one signal). A
//   Retry-After pauses the endpoint's sends for that long (at most MAX_PAUSE_MS).
// - recovery: every second without pushback, one more request in flight and a twentieth of the
//   rate at the last cut more per second; after QUIET_MS without pushback the endpoint is no longer
//   limited at all.
// Pure logic with an injected clock; the embedded engine applies it (lib/delivery/engine/embedded.ts).

export const CUT_EVERY_MS = 1000;
export const INCREASE_EVERY_MS = 1000;
export const QUIET_MS = 120_000;
export const MAX_PAUSE_MS = 60_000;

export type Pushback = "throttled" | "slow" | null;

export type AdaptiveLimit = {
  /** Requests in flight at once to this endpoint from this process. */
  concurrency: number;
  /** Sends a second, or null when only concurrency is limited. */
  perSecond: number | null;
  /** No send before this time (ms since the epoch): the receiver's Retry-After. */
  pausedUntil: number;
  /** The last pushback and its kind, for logs and health. */
  lastPushbackAt: number;
  reason: Exclude<Pushback, null>;
};

type State = AdaptiveLimit & { lastCutAt: number; lastIncreaseAt: number; rateAtCut: number };

/** What an answer says about the receiver's capacity. */
export function pushbackOf(result: { statusCode: number | null; errorClass: string | null }): Pushback {
  if (result.statusCode === 429 || result.statusCode === 503) return "throttled";
  if (result.errorClass === "timeout") return "slow";
  return null;
}

export class AdaptiveLimits {
  private readonly state = new Map<string, State>();
  /** Sends per endpoint in the current and the previous whole second: the rate a first cut halves. */
  private readonly sends = new Map<string, { second: number; count: number; previous: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a send (for the observed rate): two counters per endpoint. */
  noteSend(endpointId: string) {
    const second = Math.floor(this.now() / 1000);
    const c = this.sends.get(endpointId);
    if (!c) this.sends.set(endpointId, { second, count: 1, previous: 0 });
    else if (c.second === second) c.count++;
    else {
      c.previous = c.second === second - 1 ? c.count : 0;
      c.second = second;
      c.count = 1;
    }
  }

  /** Sends a second to this endpoint lately: the busier of this second so far and the last one. */
  private observedRate(endpointId: string, t: number) {
    const c = this.sends.get(endpointId);
    const second = Math.floor(t / 1000);
    if (!c || c.second < second - 1) return 1;
    return Math.max(1, c.second === second ? Math.max(c.count, c.previous) : c.count);
  }

  /** Applies one answer; `inFlight` is this endpoint's requests in flight when it came. Returns true when it cut the limits. */
  noteResult(endpointId: string, result: { statusCode: number | null; errorClass: string | null }, inFlight: number, retryAfterMs: number | null = null): boolean {
    const t = this.now();
    const pushback = pushbackOf(result);
    const s = this.state.get(endpointId);
    if (!pushback) {
      if (s) this.increase(endpointId, s, t);
      return false;
    }
    const observedRate = this.observedRate(endpointId, t);
    const current: State = s ?? {
      concurrency: Math.max(1, inFlight),
      perSecond: null,
      pausedUntil: 0,
      lastPushbackAt: t,
      reason: pushback,
      lastCutAt: 0,
      lastIncreaseAt: t,
      rateAtCut: observedRate,
    };
    current.lastPushbackAt = t;
    current.reason = pushback;
    if (pushback === "throttled" && retryAfterMs !== null) current.pausedUntil = Math.max(current.pausedUntil, t + Math.min(retryAfterMs, MAX_PAUSE_MS));
    let cut = false;
    if (t - current.lastCutAt >= CUT_EVERY_MS) {
      current.concurrency = Math.max(1, Math.floor(Math.min(current.concurrency, Math.max(1, inFlight)) / 2));
      if (pushback === "throttled") {
        current.perSecond = Math.max(1, Math.min(current.perSecond ?? Infinity, observedRate) / 2);
        current.rateAtCut = current.perSecond;
      }
      current.lastCutAt = t;
      current.lastIncreaseAt = t;
      cut = true;
    }
    this.state.set(endpointId, current);
    return cut;
  }

  private increase(endpointId: string, s: State, t: number) {
    if (t - s.lastPushbackAt >= QUIET_MS) {
      this.state.delete(endpointId);
      return;
    }
    const steps = Math.floor((t - s.lastIncreaseAt) / INCREASE_EVERY_MS);
    if (steps < 1) return;
    s.concurrency += steps;
    if (s.perSecond !== null) s.perSecond += steps * Math.max(1, s.rateAtCut / 20);
    s.lastIncreaseAt += steps * INCREASE_EVERY_MS;
  }

  /** The endpoint's current limits, or null when it is not limited. */
  limitFor(endpointId: string): AdaptiveLimit | null {
    const s = this.state.get(endpointId);
    if (!s) return null;
    if (this.now() - s.lastPushbackAt >= QUIET_MS) {
      this.state.delete(endpointId);
      return null;
    }
    return s;
  }

  /** Every limited endpoint (for logs). */
  limited(): [string, AdaptiveLimit][] {
    return [...this.state].filter(([id]) => this.limitFor(id) !== null);
  }

  /** Forgets the send counters of endpoints that sent nothing for two seconds. */
  prune() {
    const second = Math.floor(this.now() / 1000);
    for (const [id, c] of this.sends) if (c.second < second - 1) this.sends.delete(id);
  }
}
