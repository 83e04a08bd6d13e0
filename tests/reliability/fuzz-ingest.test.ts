import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { GET as getOrderRoute } from "@/app/api/v1/orders/[orderId]/route";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// (d) Thousands of malformed bodies against the machine and partner APIs: never a 5xx, never a row.
// Each malformed create-order body carries a merchant_order_ref of its own: were one accidentally
// valid (a validation regression), it would be created (201), not refused as a duplicate (409),
// and the test fails. Malformed bodies must be refused by validation, never reach the write.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
let ingestKey: string;
let partnerKey: string;
let partnerId: string;
let orderId: string;
const stats = { tried: 0, fiveHundreds: 0, statuses: new Map<number, number>() };

const validOrder = () => ({ partner_id: partnerId, merchant_order_ref: "FZ-1", customer_id: "c", customer_name: "Sara Khan", customer_phone: "+919812345678" });
let refs = 0;
/** A fresh, unused merchant_order_ref wherever the body still carries the valid one. */
const withOwnRef = (body: Record<string, unknown>) => (body.merchant_order_ref === "FZ-1" ? { ...body, merchant_order_ref: `FZ-fuzz-${++refs}` } : body);
/** What validation answers: a body that is not JSON (400), too big (413), or invalid (422). Never 409 (a write was attempted) or 2xx. */
const VALIDATION_REFUSALS = [400, 413, 415, 422];
const validOfd = { event: "out_for_delivery", rider: { name: "R", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } };

const counts = async () => {
  const [orders, events, deliveries, keys, riders] = await Promise.all([db.order.count(), db.orderEvent.count(), db.delivery.count(), db.idempotencyKey.count(), db.rider.count()]);
  return { orders, events, deliveries, keys, riders };
};

/** A valid body broken in one way: a required key removed, or a value of the wrong kind. */
const broken = (valid: Record<string, unknown>, required: string[]) =>
  fc.oneof(
    fc.constantFrom(...required).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.constantFrom(...required), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.string({ maxLength: 0 }), fc.string({ minLength: 300, maxLength: 400 })))
      .map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in valid)), fc.jsonValue()).map(([k, v]) => ({ ...valid, [k]: v })),
  );

const rawBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom("", "{", "[", "null", "{\"event\":", "\u0000", "{\"a\":1}{"),
);

function tally(status: number) {
  stats.tried++;
  stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
  if (status >= 500) stats.fiveHundreds++;
}

beforeAll(async () => {
  const partner = await createPartner({ name: "Fuzz Co" });
  partnerId = partner.id;
  await createEndpoint({ partnerId, url: "http://127.0.0.1:9/fuzz" });
  ingestKey = (await createIngestKey()).key;
  partnerKey = (await createApiKey({ kind: "partner", name: "fuzz", partnerId })).key;
  const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key: ingestKey, body: validOrder() });
  orderId = res.json.order_id;
});

describe("fuzzing the ingest and partner APIs", () => {
  it(`answers ${RUNS} malformed create-order requests with 4xx and writes nothing`, async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.oneof(broken(validOrder(), ["merchant_order_ref", "customer_id", "customer_name", "customer_phone"]).map((b) => JSON.stringify(withOwnRef(b))), rawBody), fc.option(fc.string({ maxLength: 300 })), async (raw, idem) => {
        const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key: ingestKey, raw, headers: idem ? { "idempotency-key": idem } : {} });
        tally(res.status);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(VALIDATION_REFUSALS).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    expect(await counts()).toEqual(before);
  });

  it(`answers ${RUNS} malformed status changes with 4xx and writes nothing`, async () => {
    const before = await counts();
    const eventBodies = fc.oneof(
      broken(validOfd, ["rider", "otp", "eta_window"]),
      broken({ event: "delivery_failed", reason_code: "weather" }, ["reason_code"]),
      broken({ event: "return_initiated", reason_code: "x", condition: "opened" }, ["reason_code", "condition"]),
      fc.record({ event: fc.string({ maxLength: 20 }) }),
    ).map((b) => JSON.stringify(b));
    const target = fc.oneof(fc.constant(orderId), fc.string({ minLength: 1, maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(eventBodies, rawBody), target, async (raw, id) => {
        const res = await callRoute(eventRoute, { path: `/api/v1/orders/${encodeURIComponent(id)}/events`, key: ingestKey, params: { orderId: id }, raw });
        tally(res.status);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        // Validated before the order is looked up: a 404 or a 409 (transition) would mean a malformed body passed.
        expect(VALIDATION_REFUSALS).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    expect(await counts()).toEqual(before);
  });

  it("answers garbage credentials and ids on the partner API with 4xx", async () => {
    await fc.assert(
      // Keys are printable (a header cannot carry anything else); empty means "no key" (the session path, out of scope here).
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.oneof(fc.constant(partnerKey), fc.constant(ingestKey), fc.stringMatching(/^[\w.-]{1,60}$/)), async (id, key) => {
        const res = await callRoute(getOrderRoute, { method: "GET", path: `/api/v1/orders/${encodeURIComponent(id)}`, key, params: { orderId: id } });
        tally(res.status);
        expect([401, 403, 404]).toContain(res.status);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    console.log(`fuzz: ${stats.tried} malformed requests, ${stats.fiveHundreds} answered 5xx; statuses ${JSON.stringify(Object.fromEntries(stats.statuses))}`);
    expect(stats.fiveHundreds).toBe(0);
  });
});
