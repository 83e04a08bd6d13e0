// Load shedding for the ingest API (issue 15). Past the box's capacity an open-loop sender (an
// OMS does not slow down because we do) builds a queue that can outlast the overload: every
// queued request still costs its full price, so the backlog is never worked off and every answer
// takes seconds. The gate keeps the queue short instead and refuses the excess at once, cheaply
// (before the key check, the body or the database), with 503 and Retry-After.
//
// The signal is a standing queue, as CoDel detects it: in a window, even the fastest request that
// finished took longer than QUEUE_TARGET_MS (or nothing finished while requests waited), with at
// least MIN_IN_FLIGHT requests in flight at some point. One slow request, a GC pause or a burst that
// drains on its own never trips it, and the target sits at the p99 target: it acts only on
// a queue that has already lost the latency targets (at 200 ms, the p95 target, it refused 0.3 %
// of the orders in the first seconds of phases whose p95 was met). On a standing queue, requests
// in flight are capped at 70 % of the window's peak (never below MIN_IN_FLIGHT); each window
// without one (traffic or not) raises the cap by a tenth, and the cap is dropped once it reaches
// `maxInFlight`, which is also the fixed ceiling.
//
// The cap helps only when the queue is in front of something the requests wait for (the
// database's connections, locks, CPU). When this process's own event loop is what is behind (its
// median lag over the window at LOOP_LAG_LIMIT_MS or more), requests are slow however few are in
// flight, and refusing costs nearly as much as serving (Next.js's handling of the request): bench:http
// at twice the box's capacity saw the cap fall to its floor, in-handler times stay at 0.4–1 s, and
// accepted orders drop to 14–32 % of those offered. Such a window counts as one without a queue.
// Pure logic with an injected clock and lag; lib/orders/ingest.ts applies it.

export const WINDOW_MS = 500;
export const QUEUE_TARGET_MS = 500;
export const MIN_IN_FLIGHT = 8;
export const LOOP_LAG_LIMIT_MS = 50;
const CUT = 0.7;
const GROWTH = 1.1;

export type GateState = {
  inFlight: number;
  cap: number | null;
  refused: number;
};

export class AdmissionGate {
  private inFlight = 0;
  private cap: number | null = null;
  private windowStart: number;
  /** The shortest time a request that finished in this window took (Infinity: none finished). */
  private windowMin = Infinity;
  /** The most requests in flight at once in this window. */
  private peak = 0;
  private refused = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly now: () => number = Date.now,
    /** This process's median event-loop lag since the last call (ms); each call starts a new window. */
    private readonly loopLagMs: () => number = () => 0,
  ) {
    this.windowStart = now();
  }

  /**
   * Admits a request (a ticket) or refuses it (null). The ticket's holder calls `done()` when it
   * has answered, whatever the answer, and may `pause()` / `resume()` around time spent waiting on
   * its sender (reading the body): that time is not queueing here, so it counts neither as in
   * flight nor in the request's time (a few slow uploads must not look like a standing queue).
   */
  admit(): AdmissionTicket | null {
    this.roll();
    if (this.inFlight >= (this.cap ?? this.maxInFlight)) {
      this.refused++;
      return null;
    }
    this.enter();
    return new AdmissionTicket(this, this.now);
  }

  /** @internal (AdmissionTicket) */
  enter() {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  /** @internal (AdmissionTicket): a request stops counting; `tookMs` is its own time, if it finished. */
  exit(tookMs: number | null) {
    this.inFlight--;
    if (tookMs !== null) this.windowMin = Math.min(this.windowMin, tookMs);
    this.roll();
  }

  get state(): GateState {
    return { inFlight: this.inFlight, cap: this.cap, refused: this.refused };
  }

  private roll() {
    const now = this.now();
    const windows = Math.floor((now - this.windowStart) / WINDOW_MS);
    if (windows < 1) return;
    const waited =
      this.windowMin === Infinity
        ? this.inFlight > 0
        : this.windowMin > QUEUE_TARGET_MS;
    const ownLoopBehind = this.loopLagMs() >= LOOP_LAG_LIMIT_MS;
    if (waited && this.peak >= MIN_IN_FLIGHT && !ownLoopBehind) {
      this.cap = Math.max(MIN_IN_FLIGHT, Math.floor(CUT * this.peak));
    } else if (this.cap !== null) {
      // Windows that passed with no request at all had no queue either.
      const raised = Math.ceil(this.cap * GROWTH ** windows);
      this.cap = raised >= this.maxInFlight ? null : raised;
    }
    this.windowStart = now;
    this.windowMin = Infinity;
    this.peak = this.inFlight;
  }
}

export class AdmissionTicket {
  private readonly startedAt: number;
  private pausedAt: number | null = null;
  private excludedMs = 0;
  private finished = false;

  constructor(
    private readonly gate: AdmissionGate,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  pause() {
    if (this.finished || this.pausedAt !== null) return;
    this.pausedAt = this.now();
    this.gate.exit(null);
  }

  resume() {
    if (this.finished || this.pausedAt === null) return;
    this.excludedMs += this.now() - this.pausedAt;
    this.pausedAt = null;
    this.gate.enter();
  }

  done() {
    if (this.finished) return;
    this.finished = true;
    if (this.pausedAt !== null) return; // already out of the count; it finished while waiting on its sender
    this.gate.exit(this.now() - this.startedAt - this.excludedMs);
  }
}
