import { describe, expect, it } from "vitest";
import { EVENT_TYPES, STATUS_FOR_EVENT, type EventType } from "@/lib/events/catalog";
import {
  PayloadV2Schema,
  buildPayloadV2,
  buildUnsequencedPayloadV2,
  parseStoredPayload,
  withSequence,
  withTestFlag,
  type EventDetails,
  type PayloadV2,
} from "@/lib/events/payload-v2";

const ORDER = { id: "ord_1", merchantOrderRef: "ORD-4820193", customerId: "cust_1187" };
const ORDER_RIDER = { name: "Rajesh Kumar", phone: "+919876543214" };
const DETAILS: Record<EventType, EventDetails> = {
  order_confirmed: { event: "order_confirmed" },
  out_for_delivery: {
    event: "out_for_delivery",
    rider: { name: "Rajesh Kumar", phone: "+919876543214" },
    otp: "8821",
    eta_window: { from: "2026-05-01T16:00:00+05:30", to: "2026-05-01T17:00:00+05:30" },
  },
  delivered: { event: "delivered", confirmation_method: "signature", delivered_at: "2026-05-01T16:20:00+05:30" },
  delivery_failed: { event: "delivery_failed", reason_code: "address_not_found", rescheduled_for: "2026-05-02T10:00:00Z" },
  return_initiated: { event: "return_initiated", reason_code: "size_mismatch", condition: "opened", pickup_eta: "2026-05-03T09:00:00+05:30" },
};
const SEQUENCE: Record<EventType, number> = { order_confirmed: 1, out_for_delivery: 2, delivered: 3, delivery_failed: 3, return_initiated: 4 };
const build = (event: EventType, details: EventDetails = DETAILS[event]) =>
  buildPayloadV2({ eventId: `evt_${event}`, occurredAt: "2026-05-01T15:30:00+05:30", order: ORDER, rider: ORDER_RIDER, details, sequence: SEQUENCE[event] });

// Every key path of a payload, objects included.
function keyPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`)]);
}
function nonNullLeaves(value: unknown, prefix = ""): string[] {
  return Object.entries(value as object).flatMap(([key, child]) =>
    child !== null && typeof child === "object" ? nonNullLeaves(child, `${prefix}${key}.`) : child === null ? [] : [`${prefix}${key}`],
  );
}

const HEAD = ["schema_version", "event_id", "event", "occurred_at", "order_id", "merchant_order_ref", "customer_id", "status"];
const CORE = [...HEAD, "sequence"];
const RIDER = ["rider.name", "rider.phone_masked"];
// The SPEC's field-coverage table, leaf by leaf.
const COVERAGE: Record<EventType, string[]> = {
  order_confirmed: [],
  out_for_delivery: [...RIDER, "delivery.otp", "delivery.eta_window.from", "delivery.eta_window.to"],
  delivered: [...RIDER, "delivery.delivered_at", "delivery.confirmation_method"],
  delivery_failed: [...RIDER, "failure.reason_code", "failure.rescheduled_for"],
  return_initiated: ["returns.initiated_at", "returns.reason_code", "returns.condition", "returns.pickup_eta"],
};
const ALL_KEYS = [
  ...CORE, "rider", ...RIDER,
  "delivery", "delivery.otp", "delivery.eta_window", "delivery.eta_window.from", "delivery.eta_window.to", "delivery.delivered_at", "delivery.confirmation_method",
  "failure", "failure.reason_code", "failure.rescheduled_for",
  "returns", "returns.initiated_at", "returns.reason_code", "returns.condition", "returns.pickup_eta",
];

describe("buildPayloadV2 field coverage", () => {
  it.each(EVENT_TYPES)("%s: exactly the SPEC's leaves are non-null", (event) => {
    expect(nonNullLeaves(build(event)).sort()).toEqual([...CORE, ...COVERAGE[event]].sort());
  });

  it.each(EVENT_TYPES)("%s: no key is ever absent, rider included", (event) => {
    const payload = build(event);
    expect(keyPaths(payload).sort()).toEqual([...ALL_KEYS].sort());
    if (event === "order_confirmed" || event === "return_initiated") expect(payload.rider).toEqual({ name: null, phone_masked: null });
    expect(PayloadV2Schema.parse(payload)).toEqual(payload);
  });

  it.each(EVENT_TYPES)("%s: status follows the event and keys come in the documented order", (event) => {
    const payload = build(event);
    expect(payload.status).toBe(STATUS_FOR_EVENT[event]);
    expect(Object.keys(payload)).toEqual([...HEAD, "rider", "sequence", "delivery", "failure", "returns"]);
  });
});

describe("buildPayloadV2 values", () => {
  it("normalises every time to UTC with Z and masks the rider phone", () => {
    const ofd = build("out_for_delivery");
    expect(ofd.occurred_at).toBe("2026-05-01T10:00:00.000Z");
    expect(ofd.delivery.eta_window).toEqual({ from: "2026-05-01T10:30:00.000Z", to: "2026-05-01T11:30:00.000Z" });
    expect(ofd.rider).toEqual({ name: "Rajesh Kumar", phone_masked: "+91 98xxx xx214" });
    expect(JSON.stringify(ofd)).not.toContain("9876543214");
    expect(build("return_initiated").returns.initiated_at).toBe("2026-05-01T10:00:00.000Z");
  });

  it("defaults delivered_at to occurred_at and leaves absent optional details null", () => {
    expect(build("delivered", { event: "delivered", confirmation_method: "otp" }).delivery.delivered_at).toBe("2026-05-01T10:00:00.000Z");
    expect(build("delivery_failed", { event: "delivery_failed", reason_code: "weather" }).failure).toEqual({ reason_code: "weather", rescheduled_for: null });
    expect(build("return_initiated", { event: "return_initiated", reason_code: "x", condition: "damaged" }).returns.pickup_eta).toBeNull();
  });

  it("uses the rider assigned by out_for_delivery, and the order's rider afterwards", () => {
    const newRider = { ...DETAILS.out_for_delivery, rider: { name: "Meena", phone: "+919000000123" } } as EventDetails;
    expect(build("out_for_delivery", newRider).rider).toEqual({ name: "Meena", phone_masked: "+91 90xxx xx123" });
    expect(build("delivery_failed").rider?.name).toBe("Rajesh Kumar");
  });

  it("refuses to build a rider event without a rider", () => {
    expect(() => buildPayloadV2({ eventId: "e", occurredAt: new Date(), order: ORDER, rider: null, details: DETAILS.delivered, sequence: 3 })).toThrow(/needs the order's rider/);
  });

  it("rejects an invalid occurredAt", () => {
    expect(() => buildPayloadV2({ eventId: "e", occurredAt: "soon", order: ORDER, details: DETAILS.order_confirmed, sequence: 1 })).toThrow(/Invalid date-time/);
  });

  it("withSequence puts the database's number after rider, as documented, without touching the rest", () => {
    const unsequenced = buildUnsequencedPayloadV2({ eventId: "evt_delivered", occurredAt: "2026-05-01T15:30:00+05:30", order: ORDER, rider: ORDER_RIDER, details: DETAILS.delivered });
    expect("sequence" in unsequenced).toBe(false);
    const sequenced = withSequence(unsequenced, 3);
    expect(sequenced).toEqual(build("delivered"));
    expect(JSON.stringify(sequenced)).toBe(JSON.stringify(build("delivered")));
    expect(JSON.stringify(withSequence(withTestFlag(build("delivered")), 7))).toBe(JSON.stringify(withTestFlag({ ...build("delivered"), sequence: 7 })));
  });
});

describe("test flag", () => {
  it("is absent on real events and added by withTestFlag only", () => {
    const payload = build("delivered");
    expect("test" in payload).toBe(false);
    const flagged = withTestFlag(payload);
    expect(flagged.test).toBe(true);
    expect(Object.keys(flagged).at(-1)).toBe("test");
    expect("test" in payload).toBe(false); // not mutated
    expect(PayloadV2Schema.parse(flagged).test).toBe(true);
  });
});

describe("PayloadV2Schema (stored payloads)", () => {
  const payload = build("out_for_delivery");
  const without = (path: string[]): unknown => {
    const copy = structuredClone(payload) as Record<string, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    delete node[path.at(-1) as string];
    return copy;
  };

  it.each([["event_id"], ["rider"], ["rider", "name"], ["sequence"], ["delivery", "eta_window", "to"], ["failure", "rescheduled_for"], ["returns", "pickup_eta"]])(
    "rejects a payload missing %s",
    (...path: string[]) => expect(PayloadV2Schema.safeParse(without(path)).success).toBe(false),
  );

  it("rejects unknown keys, a wrong status, non-UTC times and test: false", () => {
    expect(PayloadV2Schema.safeParse({ ...payload, extra: 1 }).success).toBe(false);
    expect(PayloadV2Schema.safeParse({ ...payload, status: "delivered" }).success).toBe(false);
    expect(PayloadV2Schema.safeParse({ ...payload, occurred_at: "2026-05-01T15:30:00+05:30" }).success).toBe(false);
    expect(PayloadV2Schema.safeParse({ ...payload, test: false }).success).toBe(false);
  });

  it("rejects rider: null (the old two-shape v2) and a sequence that is not 1, 2, 3 …", () => {
    expect(PayloadV2Schema.safeParse({ ...build("order_confirmed"), rider: null }).success).toBe(false);
    for (const sequence of [0, -1, 1.5, "2", null]) expect(PayloadV2Schema.safeParse({ ...payload, sequence }).success, String(sequence)).toBe(false);
  });

  it("restores the canonical key order of a payload read back from jsonb", () => {
    const reorder = (v: unknown): unknown =>
      v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, c]) => [k, reorder(c)])) : v;
    const shuffled = reorder(payload) as PayloadV2;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(payload));
    expect(JSON.stringify(parseStoredPayload(shuffled))).toBe(JSON.stringify(payload));
  });
});
