import { describe, expect, it } from "vitest";
import {
  AdmissionGate,
  LOOP_LAG_LIMIT_MS,
  MIN_IN_FLIGHT,
  QUEUE_TARGET_MS,
  WINDOW_MS,
  type AdmissionTicket,
} from "./admission";

function world(maxInFlight = 1000) {
  let t = 0;
  let lag = 0;
  const gate = new AdmissionGate(maxInFlight, () => t, () => lag);
  return {
    gate,
    setLoopLag: (ms: number) => void (lag = ms),
    advance: (ms: number) => void (t += ms),
    /** Admits n requests now; throws if any is refused. */
    admitAll(n: number): AdmissionTicket[] {
      return Array.from({ length: n }, () => {
        const ticket = gate.admit();
        if (!ticket)
          throw new Error(
            `refused with ${gate.state.inFlight} in flight (cap ${gate.state.cap})`,
          );
        return ticket;
      });
    },
    /** How many of n new requests are refused now (the admitted ones finish at once). */
    refusedOf(n: number) {
      let refused = 0;
      for (let i = 0; i < n; i++) {
        const ticket = gate.admit();
        if (ticket) ticket.done();
        else refused++;
      }
      return refused;
    },
  };
}

describe("ingest admission (load shedding)", () => {
  it("refuses nothing while requests are answered within the target, however many are in flight", () => {
    const w = world();
    for (let second = 0; second < 20; second++) {
      // 300 requests in flight at once, each answered just within the target: busy, but no standing queue.
      const tickets = w.admitAll(300);
      w.advance(QUEUE_TARGET_MS - 50);
      for (const t of tickets) t.done();
      w.advance(1000 - (QUEUE_TARGET_MS - 50));
    }
    expect(w.gate.state).toMatchObject({ cap: null, refused: 0 });
  });

  it("a standing queue caps requests in flight at 70 % of the window's peak, and the excess is refused at once", () => {
    const w = world();
    const queued = w.admitAll(40);
    w.advance(Math.max(QUEUE_TARGET_MS, WINDOW_MS) + 100);
    for (const t of queued.slice(0, 10)) t.done(); // even the fastest took longer than the target; the window ends
    expect(w.refusedOf(1)).toBe(1); // 30 still in flight, cap 28
    expect(w.gate.state.cap).toBe(28);
    for (const t of queued.slice(10, 13)) t.done(); // 27 in flight: one more fits
    expect(w.gate.admit()).not.toBeNull();
    expect(w.refusedOf(5)).toBe(5);
  });

  it("nothing finishing in a window while requests wait is a standing queue too", () => {
    const w = world();
    w.admitAll(20);
    w.advance(WINDOW_MS + 1);
    expect(w.refusedOf(1)).toBe(1);
    expect(w.gate.state.cap).toBe(14);
  });

  it("one slow request among fast ones, or a few slow ones alone, caps nothing", () => {
    const w = world();
    const [slow] = w.admitAll(1);
    for (let i = 0; i < 50; i++) {
      const [fast] = w.admitAll(1);
      w.advance(20);
      fast!.done();
    }
    slow!.done();
    w.advance(WINDOW_MS);
    expect(w.refusedOf(1)).toBe(0);

    const few = w.admitAll(MIN_IN_FLIGHT - 1);
    w.advance(5 * WINDOW_MS);
    for (const t of few) t.done();
    w.advance(WINDOW_MS);
    expect(w.refusedOf(1)).toBe(0);
    expect(w.gate.state.cap).toBeNull();
  });

  it("time spent waiting on the sender (reading the body) is neither in flight nor queueing", () => {
    const w = world();
    const uploads = w.admitAll(50);
    for (const t of uploads) t.pause(); // 50 slow uploads, stalled for 10 s
    for (let i = 0; i < 40; i++) {
      w.advance(WINDOW_MS / 2);
      expect(w.refusedOf(3)).toBe(0);
    }
    for (const t of uploads) t.resume();
    w.advance(10);
    for (const t of uploads) t.done(); // 10 ms of work each once their bodies were in
    w.advance(WINDOW_MS);
    expect(w.refusedOf(1)).toBe(0);
    expect(w.gate.state).toMatchObject({ inFlight: 0, cap: null });
  });

  it("comes back by a tenth a window once the queue is gone, and drops the cap at maxInFlight", () => {
    const w = world(100);
    const queued = w.admitAll(30);
    w.advance(WINDOW_MS + 1);
    expect(w.refusedOf(1)).toBe(1);
    expect(w.gate.state.cap).toBe(21);
    for (const t of queued) t.done();
    const caps: (number | null)[] = [];
    for (let i = 0; i < 12; i++) {
      w.advance(WINDOW_MS);
      w.refusedOf(1);
      caps.push(w.gate.state.cap);
    }
    // One roll per window: the first still saw the queue (its 30 requests took > 500 ms: 70 % of 30
    // again), then a tenth more each window.
    expect(caps.slice(0, 4)).toEqual([21, 24, 27, 30]);
    expect(caps.at(-1)).toBeGreaterThan(caps[3]!);
    w.advance(60 * WINDOW_MS); // quiet time counts as windows without a queue
    w.refusedOf(1);
    expect(w.gate.state.cap).toBeNull();
  });

  it("does not cut when this process's own event loop is what is behind (refusing would not shorten anything)", () => {
    const w = world();
    w.setLoopLag(LOOP_LAG_LIMIT_MS + 70);
    w.admitAll(30);
    w.advance(WINDOW_MS + 1);
    expect(w.gate.admit()).not.toBeNull(); // admitted, and still waiting like the others
    expect(w.gate.state.cap).toBeNull();
    // The same queue with a loop that keeps up is one the cap can shorten.
    w.setLoopLag(LOOP_LAG_LIMIT_MS - 30);
    w.advance(WINDOW_MS + 1);
    expect(w.refusedOf(1)).toBe(1);
    expect(w.gate.state.cap).toBe(21);
  });

  it("never admits more than maxInFlight", () => {
    const w = world(10);
    w.admitAll(10);
    expect(w.refusedOf(3)).toBe(3);
  });
});
