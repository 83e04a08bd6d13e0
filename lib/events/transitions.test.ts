import { describe, expect, it } from "vitest";
import { EVENT_TYPES, ORDER_STATUSES, STATUS_FOR_EVENT, type EventType, type OrderStatus } from "@/lib/events/catalog";
import { checkTransition } from "@/lib/events/transitions";

// The SPEC's transition list, written out independently of transitions.ts.
const ALLOWED: ReadonlyArray<[OrderStatus | null, EventType]> = [
  [null, "order_confirmed"],
  ["confirmed", "out_for_delivery"],
  ["out_for_delivery", "delivered"],
  ["out_for_delivery", "delivery_failed"],
  ["delivery_failed", "out_for_delivery"],
  ["delivered", "return_initiated"],
];
const isAllowed = (from: OrderStatus | null, event: EventType) =>
  ALLOWED.some(([f, e]) => f === from && e === event);

const ALL_PAIRS = ([null, ...ORDER_STATUSES] as const).flatMap((from) =>
  EVENT_TYPES.map((event) => [from, event] as [OrderStatus | null, EventType]),
);
const FORBIDDEN = ALL_PAIRS.filter(([from, event]) => !isAllowed(from, event));

describe("checkTransition", () => {
  it("covers every (status, event) pair: 6 allowed, 24 forbidden", () => {
    expect(ALL_PAIRS).toHaveLength(30);
    expect(FORBIDDEN).toHaveLength(24);
  });

  it.each(ALLOWED)("allows %s -> %s and sets the event's status", (from, event) => {
    expect(checkTransition(from, event)).toEqual({ ok: true, next: STATUS_FOR_EVENT[event] });
  });

  it.each(FORBIDDEN)("rejects %s -> %s with an actionable message", (from, event) => {
    const result = checkTransition(from, event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`"${event}"`);
    expect(result.message).toMatch(/\.$/);
    const expectedAllowed = ALLOWED.filter(([f]) => f === from).map(([, e]) => e);
    expect(result.allowed).toEqual(expectedAllowed);
    for (const next of expectedAllowed) expect(result.message).toContain(next);
  });

  it("words the common rejection exactly", () => {
    expect(checkTransition("delivered", "out_for_delivery")).toEqual({
      ok: false,
      allowed: ["return_initiated"],
      message:
        'Order is "delivered"; "out_for_delivery" is not allowed from there. Allowed next events: return_initiated.',
    });
  });

  it("explains the special cases: unknown order, repeated confirmation, final status", () => {
    const missing = checkTransition(null, "delivered");
    expect(!missing.ok && missing.message).toContain("POST /api/v1/orders");
    const again = checkTransition("confirmed", "order_confirmed");
    expect(!again.ok && again.message).toContain("only recorded when the order is created");
    const final = checkTransition("return_initiated", "delivered");
    expect(!final.ok && final.message).toContain("final");
  });

  it("allows the re-attempt loop to repeat", () => {
    let status: OrderStatus | null = null;
    const path: EventType[] = ["order_confirmed", "out_for_delivery", "delivery_failed", "out_for_delivery", "delivery_failed", "out_for_delivery", "delivered", "return_initiated"];
    for (const event of path) {
      const result = checkTransition(status, event);
      expect(result.ok).toBe(true);
      if (result.ok) status = result.next;
    }
    expect(status).toBe("return_initiated");
  });
});
