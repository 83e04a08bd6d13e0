import { beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

const ofd = {
  event: "out_for_delivery",
  rider: { name: "Rajesh Kumar", phone: "+919876543214" },
  otp: "4821",
  eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" },
};

let key: string;
let partnerId: string;
let otherPartnerOrder: string;
let orderSeq = 0;

async function newOrder() {
  const res = await callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key,
    body: { partner_id: partnerId, merchant_order_ref: `REF-${++orderSeq}-${Date.now()}`, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812345678" },
  });
  expect(res.status).toBe(201);
  return res.json.order_id as string;
}

async function counts() {
  const [orders, events, deliveries, keys] = await Promise.all([db.order.count(), db.orderEvent.count(), db.delivery.count(), db.idempotencyKey.count()]);
  return { orders, events, deliveries, keys };
}

beforeAll(async () => {
  const partner = await createPartner({ name: "Ingest Test Co" });
  partnerId = partner.id;
  await createEndpoint({ partnerId, url: "http://127.0.0.1:9/hook", eventTypes: ["out_for_delivery", "delivered"] });
  await createEndpoint({ partnerId, url: "http://127.0.0.1:9/all" });
  key = (await createIngestKey()).key;
  const other = await createPartner({ name: "Other Co" });
  const otherKey = (await createIngestKey(other.id)).key;
  const res = await callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key: otherKey,
    body: { merchant_order_ref: "OTHER-1", customer_id: "c9", customer_name: "Zoya Ali", customer_phone: "+919800000000" },
  });
  otherPartnerOrder = res.json.order_id;
});

describe("POST /api/v1/orders and /events", () => {
  it("creates an order with its order_confirmed event and one delivery per subscribed endpoint", async () => {
    const before = await counts();
    const orderId = await newOrder();
    const after = await counts();
    expect(after).toMatchObject({ orders: before.orders + 1, events: before.events + 1, deliveries: before.deliveries + 1 });
    const event = await db.orderEvent.findFirstOrThrow({ where: { orderId } });
    expect(event.type).toBe("order_confirmed");
    expect((event.payload as { event_id: string }).event_id).toBe(event.id);
  });

  it("applies a valid status change and fans out to every endpoint subscribed to that type", async () => {
    const orderId = await newOrder();
    const res = await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body: ofd });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: "out_for_delivery", deliveries: 2 });
    expect(res.json.event.rider).toEqual({ name: "Rajesh Kumar", phone_masked: "+91 98xxx xx214" });
    expect(res.json.event.delivery.otp).toBe("4821");
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("out_for_delivery");
  });

  it("answers a repeated Idempotency-Key with the first answer and writes no second event", async () => {
    const orderId = await newOrder();
    const send = () => callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body: ofd, headers: { "idempotency-key": `ofd-${orderId}` } });
    const first = await send();
    const before = await counts();
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await counts()).toEqual(before);

    const reused = await callRoute(eventRoute, {
      path: `/api/v1/orders/${orderId}/events`, key, params: { orderId },
      body: { event: "delivered", confirmation_method: "otp" }, headers: { "idempotency-key": `ofd-${orderId}` },
    });
    expect(reused.status).toBe(409);
    expect(reused.json.error.message).toMatch(/already used for a different request/);
  });

  it("replays an Idempotency-Key with the first answer's exact bytes (stored as sent, not re-encoded)", async () => {
    const raw = async (handler: (req: Request, ctx: never) => Promise<Response>, path: string, body: unknown, idem: string, params: Record<string, string> = {}) => {
      const request = new Request(`http://localhost${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": idem }, body: JSON.stringify(body) });
      const res = await handler(request, { params: Promise.resolve(params) } as never);
      return { status: res.status, text: await res.text(), type: res.headers.get("content-type"), replayed: res.headers.get("idempotent-replayed") };
    };
    const ref = `BYTES-${Date.now()}`;
    const order = { partner_id: partnerId, merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya \u00e9 \"Iyer\"", customer_phone: "+919812345678" };
    const first = await raw(createOrderRoute, "/api/v1/orders", order, ref);
    const repeat = await raw(createOrderRoute, "/api/v1/orders", order, ref);
    expect(first).toMatchObject({ status: 201, type: "application/json", replayed: null });
    expect(repeat).toMatchObject({ status: 201, type: "application/json", replayed: "true" });
    expect(repeat.text).toBe(first.text);
    // The documented key order, the numbers the statement filled in, and no mark left behind.
    const answer = JSON.parse(first.text);
    expect(Object.keys(answer)).toEqual(["order_id", "status", "tracking_url", "deliveries", "event"]);
    expect(answer.deliveries).toBe(1);
    expect(answer.event.sequence).toBe(1);
    expect(Object.keys(answer.event).indexOf("sequence")).toBe(Object.keys(answer.event).indexOf("rider") + 1);
    expect(first.text).not.toContain("@@");
    const stored = await db.idempotencyKey.findFirstOrThrow({ where: { key: ref } });
    expect(stored.responseText).toBe(first.text);
    expect(stored.responseBody).toEqual(answer);

    const orderId = answer.order_id as string;
    const firstEvent = await raw(eventRoute, `/api/v1/orders/${orderId}/events`, ofd, `${ref}-ofd`, { orderId });
    const repeatEvent = await raw(eventRoute, `/api/v1/orders/${orderId}/events`, ofd, `${ref}-ofd`, { orderId });
    expect(firstEvent.status).toBe(201);
    expect(repeatEvent.replayed).toBe("true");
    expect(repeatEvent.text).toBe(firstEvent.text);
    expect(JSON.parse(firstEvent.text)).toMatchObject({ deliveries: 2, event: { sequence: 2 } });

    // A key stored before the text column existed still replays, re-encoded from the jsonb.
    await db.idempotencyKey.update({ where: { id: stored.id }, data: { responseText: null } });
    const legacy = await raw(createOrderRoute, "/api/v1/orders", order, ref);
    expect(legacy.replayed).toBe("true");
    expect(JSON.parse(legacy.text)).toEqual(answer);
  });

  it("stores the same answer a repeat gets: the delivery count of the first answer, not a placeholder", async () => {
    const ref = `IDEM-COUNT-${Date.now()}`;
    const send = () =>
      callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { partner_id: partnerId, merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya", customer_phone: "+919812345678" }, headers: { "idempotency-key": ref } });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.json.deliveries).toBe(1); // only the "all events" endpoint takes order_confirmed
    const repeat = await send();
    expect(repeat.headers.get("idempotent-replayed")).toBe("true");
    expect(repeat.json).toEqual(first.json);
  });

  it("runs identical requests sent at the same moment once: one order, one event, every caller gets the same answer", async () => {
    const ref = `TWIN-${Date.now()}`;
    const before = await counts();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { partner_id: partnerId, merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya", customer_phone: "+919812345678" }, headers: { "idempotency-key": ref } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.json.order_id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
    const after = await counts();
    expect(after.orders - before.orders).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.keys - before.keys).toBe(1);
  });

  const badBodies: [string, unknown, RegExp][] = [
    ["unknown event", { event: "teleported" }, /event/],
    ["OFD without rider", { ...ofd, rider: undefined }, /rider/],
    ["OTP with letters", { ...ofd, otp: "12ab" }, /otp: must be a string of 4-6 digits/],
    ["ETA window backwards", { ...ofd, eta_window: { from: "2026-05-01T15:00:00Z", to: "2026-05-01T14:00:00Z" } }, /eta_window.to: must be after eta_window.from/],
    ["time without zone", { ...ofd, occurred_at: "2026-05-01T14:00:00" }, /occurred_at/],
    ["misspelt key", { ...ofd, ridr: {} }, /ridr: unknown field/],
    ["failure with unknown reason", { event: "delivery_failed", reason_code: "aliens" }, /reason_code/],
    ["not an object", [1, 2, 3], /body|event/],
  ];
  it.each(badBodies)("refuses a malformed body (%s) with 422 naming the field, writing nothing", async (_name, body, message) => {
    const orderId = await newOrder();
    const before = await counts();
    const res = await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses invalid JSON with 400", async () => {
    const orderId = await newOrder();
    const res = await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, raw: "{not json" });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe("Request body is not valid JSON.");
  });

  const wrongTransitions: [string, unknown[], unknown, RegExp][] = [
    ["delivered straight from confirmed", [], { event: "delivered", confirmation_method: "otp" }, /"confirmed".*"delivered" is not allowed.*out_for_delivery/],
    ["return before delivery", [], { event: "return_initiated", reason_code: "damaged", condition: "damaged" }, /return_initiated/],
    ["out for delivery twice", [ofd], ofd, /"out_for_delivery"/],
    ["anything after a return", [ofd, { event: "delivered", confirmation_method: "otp" }, { event: "return_initiated", reason_code: "x", condition: "opened" }], ofd, /return_initiated/],
  ];
  it.each(wrongTransitions)("refuses a wrong transition (%s) with 409 and writes nothing", async (_name, history, body, message) => {
    const orderId = await newOrder();
    for (const step of history) expect((await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body: step })).status).toBe(201);
    const before = await counts();
    const res = await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("invalid_transition");
    expect(res.json.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it("allows a re-attempt after a failed delivery", async () => {
    const orderId = await newOrder();
    const post = (body: unknown) => callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body });
    expect((await post(ofd)).status).toBe(201);
    expect((await post({ event: "delivery_failed", reason_code: "customer_unavailable" })).status).toBe(201);
    expect((await post(ofd)).status).toBe(201);
    expect((await post({ event: "delivered", confirmation_method: "otp" })).json.status).toBe("delivered");
  });

  it("answers 404 for an unknown order, and for another partner's order with a partner-bound key", async () => {
    const before = await counts();
    const unknown = await callRoute(eventRoute, { path: "/api/v1/orders/ord_nope/events", key, params: { orderId: "ord_nope" }, body: ofd });
    expect(unknown.status).toBe(404);
    const boundKey = (await createIngestKey(partnerId)).key;
    const foreign = await callRoute(eventRoute, { path: `/api/v1/orders/${otherPartnerOrder}/events`, key: boundKey, params: { orderId: otherPartnerOrder }, body: ofd });
    expect(foreign.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("refuses a missing, wrong, revoked or partner (non-ingest) API key", async () => {
    const before = await counts();
    const body = { partner_id: partnerId, merchant_order_ref: "K-1", customer_id: "c", customer_name: "n", customer_phone: "+919812345678" };
    expect((await callRoute(createOrderRoute, { path: "/api/v1/orders", body })).status).toBe(401);
    expect((await callRoute(createOrderRoute, { path: "/api/v1/orders", key: "wp_ingest_wrong", body })).status).toBe(401);
    const revoked = await createIngestKey();
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect((await callRoute(createOrderRoute, { path: "/api/v1/orders", key: revoked.key, body })).status).toBe(401);
    const partnerKey = await createApiKey({ kind: "partner", name: "automation", partnerId });
    expect((await callRoute(createOrderRoute, { path: "/api/v1/orders", key: partnerKey.key, body })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("refuses a duplicate merchant order ref with 409", async () => {
    const body = { partner_id: partnerId, merchant_order_ref: "DUP-1", customer_id: "c", customer_name: "n", customer_phone: "+919812345678" };
    expect((await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body })).status).toBe(201);
    const before = await counts();
    const again = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toMatch(/DUP-1 already exists/);
    expect(await counts()).toEqual(before);
  });
});
