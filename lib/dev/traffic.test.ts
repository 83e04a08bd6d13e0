import { describe, expect, it } from "vitest";
import { parseCreateOrderBody, parseIngestEventBody } from "@/lib/events/input";
import { allowedNextEvents } from "@/lib/events/transitions";
import { applyOutcome, planTick, seededRandom, TRAFFIC_RULES, type TrafficAction, type TrafficState } from "./traffic";

const PARTNERS = [
  { id: "p_smb", name: "Kettle & Crumb", prefix: "KC", weight: 1 },
  { id: "p_growth", name: "UrbanKart", prefix: "UK", weight: 2 },
  { id: "p_ent", name: "Sportsline Retail", prefix: "SL", weight: 4 },
];
const INTERVAL = 4_000;

/** Runs `ticks` ticks against a fake API that accepts what the transition rules allow. */
function simulate(ticks: number, seed = 7, answer?: (a: TrafficAction) => "ok" | "refused" | "unavailable") {
  const random = seededRandom(seed);
  const state: TrafficState = { orders: [], created: 0 };
  const statusOf = new Map<string, string>(); // orderId -> status the "API" holds
  const sent: { tick: number; action: TrafficAction; accepted: boolean }[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    const now = 1_700_000_000_000 + tick * INTERVAL;
    const actions = planTick(state, PARTNERS, now, random);
    expect(actions.filter((a) => a.kind === "event").length).toBeLessThanOrEqual(TRAFFIC_RULES.maxEventsPerTick);
    for (const action of actions) {
      const forced = answer?.(action);
      if (forced === "refused" || forced === "unavailable") {
        applyOutcome(state, action, { ok: false, retry: forced === "unavailable" }, now, INTERVAL, random);
        sent.push({ tick, action, accepted: false });
        continue;
      }
      if (action.kind === "create") {
        expect(parseCreateOrderBody(action.body).ok).toBe(true);
        const orderId = `ord_${action.ref}`;
        statusOf.set(orderId, "confirmed");
        applyOutcome(state, action, { ok: true, orderId }, now, INTERVAL, random);
      } else {
        expect(parseIngestEventBody(action.body).ok).toBe(true);
        const current = statusOf.get(action.orderId) as Parameters<typeof allowedNextEvents>[0];
        // Every status change planned is one the ingest API accepts from the order's status.
        expect(allowedNextEvents(current)).toContain(action.body.event);
        statusOf.set(action.orderId, action.body.event);
        applyOutcome(state, action, { ok: true }, now, INTERVAL, random);
      }
      sent.push({ tick, action, accepted: true });
    }
    expect(state.orders.length).toBeLessThanOrEqual(TRAFFIC_RULES.maxActive);
  }
  return { state, sent, statusOf };
}

describe("demo traffic rules", () => {
  it("only plans status changes the ingest API accepts, with valid bodies, a few per tick", () => {
    const { sent } = simulate(500);
    expect(sent.filter((s) => s.action.kind === "create").length).toBeGreaterThan(50);
    expect(sent.filter((s) => s.action.kind === "event").length).toBeGreaterThan(100);
  });

  it("moves every order through its lifecycle to an end, with deliveries, failures, re-attempts and returns", () => {
    const { statusOf, sent } = simulate(800);
    const finals = [...statusOf.values()];
    for (const status of ["delivered", "delivery_failed", "return_initiated"]) expect(finals).toContain(status);
    const events = sent.map((s) => (s.action.kind === "event" ? s.action.body.event : "order_confirmed"));
    // Re-attempts: more out_for_delivery than orders that got one.
    expect(events.filter((e) => e === "out_for_delivery").length).toBeGreaterThan(new Set(sent.filter((s) => s.action.kind === "event" && s.action.body.event === "out_for_delivery").map((s) => (s.action as { orderId: string }).orderId)).size);
  });

  it("moves one order again only after a few ticks, so a tracking page can be watched change", () => {
    const { sent } = simulate(300);
    const byOrder = new Map<string, number[]>();
    for (const s of sent) if (s.action.kind === "event") byOrder.set(s.action.orderId, [...(byOrder.get(s.action.orderId) ?? []), s.tick]);
    for (const ticks of byOrder.values()) {
      for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeGreaterThanOrEqual(TRAFFIC_RULES.minTicksBetweenSteps);
    }
  });

  it("sends most orders for the partner with the most weight", () => {
    const { sent } = simulate(600);
    const creates = sent.filter((s) => s.action.kind === "create").map((s) => (s.action as { partnerId: string }).partnerId);
    const count = (id: string) => creates.filter((c) => c === id).length;
    expect(count("p_ent")).toBeGreaterThan(count("p_smb"));
  });

  it("retries a status change the API could not take (5xx), and lets go of one it refused (409)", () => {
    let failNext = true;
    const unavailable = simulate(60, 3, (a) => {
      if (a.kind === "event" && failNext) {
        failNext = false;
        return "unavailable";
      }
      return "ok";
    });
    const first = unavailable.sent.find((s) => !s.accepted)!.action as { orderId: string; body: { event: string } };
    expect(unavailable.sent.some((s) => s.accepted && s.action.kind === "event" && s.action.orderId === first.orderId && s.action.body.event === first.body.event)).toBe(true);

    const refused = simulate(60, 3, (a) => (a.kind === "event" ? "refused" : "ok"));
    const refusedOrders = refused.sent.filter((s) => s.action.kind === "event").map((s) => (s.action as { orderId: string }).orderId);
    expect(new Set(refusedOrders).size).toBe(refusedOrders.length); // each refused once, then dropped
  });

  it("is the same run for the same seed", () => {
    const a = simulate(50, 11).sent.map((s) => s.action.kind + (s.action.kind === "event" ? s.action.body.event : ""));
    const b = simulate(50, 11).sent.map((s) => s.action.kind + (s.action.kind === "event" ? s.action.body.event : ""));
    expect(a).toEqual(b);
  });
});
