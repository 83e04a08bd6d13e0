import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getEvent } from "@/app/api/v1/events/[eventId]/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { POST as retryOne } from "@/app/api/v1/deliveries/[deliveryId]/retry/route";
import { POST as retryMany } from "@/app/api/v1/deliveries/retry/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { retryDelivery } from "@/lib/delivery/retry";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { createOrder } from "@/lib/orders/create-order";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createPartner, createUser } from "@/prisma/factories";
import { callRoute } from "../support/api";

// Manual retries end to end: real deliveries fail against a real local receiver until they are
// dead-lettered (the partners here have no automatic retries), the receiver recovers, and a
// person or a partner API key retries them. DELIVERY_ENGINE is "off" in these tests, so the
// retries run in this process exactly as they do next to the embedded engine.

let receiver: Receiver;
const partnerIds: string[] = [];
beforeAll(async () => {
  receiver = await startReceiver();
});
beforeEach(() => receiver.reset());
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
  await receiver.close();
});

const waitFor = async (check: () => Promise<boolean>, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function setup(name: string, paths: string[]) {
  const partner = await createPartner({ name: `${name} ${Date.now()}`, retrySchedule: [] });
  partnerIds.push(partner.id);
  const endpoints = [];
  for (const path of paths) {
    const { endpoint, secret } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}${path}` });
    receiver.addSecret(secret);
    endpoints.push(endpoint);
  }
  const { key } = await createApiKey({ kind: "partner", name: "ops-bot", partnerId: partner.id });
  return { partner, endpoints, key };
}

let seq = 0;
async function newOrder(partnerId: string, outForDelivery = false) {
  return db.$transaction(async (tx) => {
    const created = await createOrder(tx, { partnerId }, { merchant_order_ref: `RT-${Date.now()}-${seq++}`, customer_id: "c", customer_name: "Asha", customer_phone: "+919845001122" });
    if (!outForDelivery) return created.body.event.event_id;
    const ofd = await changeOrderStatus(tx, { partnerId }, created.body.order_id, {
      event: "out_for_delivery",
      rider: { name: "Ravi", phone: "+919876543214" },
      otp: "4821",
      eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" },
    });
    return ofd.body.event_id;
  });
}

/** What the delivery engine would do now: one automatic attempt of each due delivery. */
async function deliverDue(partnerId: string) {
  const due = await db.delivery.findMany({ where: { partnerId, status: "pending" }, select: { id: true } });
  for (const d of due) await performDeliveryAttempt(d.id, { trigger: "automatic" });
}

const attemptsOf = (deliveryId: string) => db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { startedAt: "asc" } });

describe("retry one delivery", () => {
  it("a dead-lettered delivery retried through the API after the endpoint recovers: sent now, recorded as manual", async () => {
    const { partner, key } = await setup("Single", ["/flaky"]);
    receiver.setMode({ kind: "status", status: 500 }, "/flaky");
    const eventId = await newOrder(partner.id);
    await deliverDue(partner.id);
    const dead = await db.delivery.findFirstOrThrow({ where: { eventId } });
    expect(dead).toMatchObject({ status: "dead_lettered", attemptCount: 1, lastError: "Endpoint answered 500 Internal Server Error" });

    receiver.setMode({ kind: "ok" }, "/flaky");
    const res = await callRoute(retryOne, { path: `/api/v1/deliveries/${dead.id}/retry`, key, params: { deliveryId: dead.id } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      delivery_id: dead.id,
      mode: "sent",
      outcome: "delivered",
      status: "delivered",
      attempt: { trigger: "manual", triggered_by: null, success: true, status_code: 200 },
      message: expect.stringMatching(/^Delivered \(HTTP 200 in \d+ ms\)\.$/),
    });

    expect((await attemptsOf(dead.id)).map((a) => [a.trigger, a.success, a.statusCode])).toEqual([
      ["automatic", false, 500],
      ["manual", true, 200],
    ]);
    // The same event both times: a receiver deduplicating on webhook-id sees one event.
    expect(receiver.received.map((r) => [r.path, r.webhookId, r.signatureValid])).toEqual([
      ["/flaky", eventId, true],
      ["/flaky", eventId, true],
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { partnerId: partner.id, action: "delivery.retried" } });
    expect(audit).toMatchObject({ targetId: dead.id, actorId: null, actorEmail: expect.stringMatching(/^API key "ops-bot" \(wp_live_/) });

    const again = await callRoute(retryOne, { path: `/api/v1/deliveries/${dead.id}/retry`, key, params: { deliveryId: dead.id } });
    expect(again.status).toBe(409);
    expect(again.json.error.message).toBe("This delivery already arrived; there is nothing to retry.");
  });

  it("a manual retry that fails again keeps the delivery dead-lettered, and the history names the person", async () => {
    const { partner, key } = await setup("Person", ["/down"]);
    const member = await createUser({ role: "partner_member", partnerId: partner.id, name: "Dev Member", email: `dev-${Date.now()}@example.test`, password: "x" });
    receiver.setMode({ kind: "status", status: 503 }, "/down");
    const eventId = await newOrder(partner.id);
    await deliverDue(partner.id);
    const dead = await db.delivery.findFirstOrThrow({ where: { eventId } });

    const result = await retryDelivery({ partnerId: partner.id }, dead.id, { id: member.id, email: member.email });
    expect(result).toMatchObject({ mode: "sent", outcome: { kind: "failed_manual" }, status: "dead_lettered" });
    const detail = await callRoute(getEvent, { method: "GET", path: `/api/v1/events/${eventId}`, key, params: { eventId } });
    const [delivery] = detail.json.deliveries;
    expect(delivery).toMatchObject({ status: "dead_lettered", attempt_count: 2, next_attempt_at: null, last_error: "Endpoint answered 503 Service Unavailable" });
    expect(delivery.attempts.map((a: { trigger: string; triggered_by: unknown; status_code: number }) => [a.trigger, a.triggered_by, a.status_code])).toEqual([
      ["automatic", null, 503],
      ["manual", { name: "Dev Member", email: member.email }, 503],
    ]);
  });

  it("another partner's delivery is a 404 and nothing is sent", async () => {
    const mine = await setup("Mine", ["/mine"]);
    const theirs = await setup("Theirs", ["/theirs"]);
    receiver.setMode({ kind: "status", status: 500 });
    await newOrder(theirs.partner.id);
    await deliverDue(theirs.partner.id);
    const their = await db.delivery.findFirstOrThrow({ where: { partnerId: theirs.partner.id } });
    const before = receiver.received.length;

    const res = await callRoute(retryOne, { path: `/api/v1/deliveries/${their.id}/retry`, key: mine.key, params: { deliveryId: their.id } });
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe(`Delivery ${their.id} not found.`);
    expect(await attemptsOf(their.id)).toHaveLength(1);
    expect(receiver.received.length).toBe(before);
  });
});

describe("retry all failed", () => {
  it("retries exactly the failed deliveries of the filtered events, in the background, as manual attempts", async () => {
    const { partner, endpoints, key } = await setup("Bulk", ["/bulk-a", "/bulk-b"]);
    const [a, b] = [endpoints[0]!, endpoints[1]!];
    receiver.setMode({ kind: "status", status: 500 }, "/bulk-a");
    const confirmed = [await newOrder(partner.id), await newOrder(partner.id), await newOrder(partner.id)];
    const ofd = await newOrder(partner.id, true); // its order's confirmation is a 4th order_confirmed event
    await deliverDue(partner.id);
    const confirmedEvents = (await db.orderEvent.findMany({ where: { partnerId: partner.id, type: "order_confirmed" }, select: { id: true } })).map((e) => e.id);
    expect(confirmedEvents).toHaveLength(4);
    // One of them failed once and is waiting for an automatic retry: "failed" too.
    await db.delivery.update({ where: { eventId_endpointId: { eventId: confirmed[2]!, endpointId: a.id } }, data: { status: "retrying", nextAttemptAt: new Date(Date.now() + 3_600_000) } });

    const list = await callRoute(listEvents, { method: "GET", path: "/api/v1/events?type=order_confirmed", key });
    expect(list.json.failed_deliveries).toBe(4);
    expect(list.json.events.map((e: { status: string }) => e.status).sort()).toEqual(["dead_lettered", "dead_lettered", "dead_lettered", "retrying"]);

    receiver.setMode({ kind: "ok" }, "/bulk-a");
    const res = await callRoute(retryMany, { path: "/api/v1/deliveries/retry", key, body: { type: "order_confirmed" } });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ queued: 4, mode: "background", message: "Retrying 4 failed deliveries. Results appear in the log as they finish." });

    const retried = await db.delivery.findMany({ where: { endpointId: a.id, eventId: { in: confirmedEvents } }, select: { id: true } });
    await waitFor(async () => (await db.delivery.count({ where: { id: { in: retried.map((d) => d.id) }, status: "delivered" } })) === 4, "4 deliveries delivered");
    for (const d of retried) expect((await attemptsOf(d.id)).map((x) => [x.trigger, x.success, x.triggeredById])).toContainEqual(["manual", true, null]);
    // Outside the filter: the out-for-delivery event's failed delivery was not touched.
    const other = await db.delivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId: ofd, endpointId: a.id } } });
    expect(other).toMatchObject({ status: "dead_lettered", attemptCount: 1 });
    // Already delivered ones were not sent again.
    expect(await db.deliveryAttempt.count({ where: { delivery: { endpointId: b.id } } })).toBe(5);
    const audit = await db.auditLog.findFirstOrThrow({ where: { partnerId: partner.id, action: "deliveries.bulk_retried" } });
    expect(audit.metadata).toMatchObject({ count: 4, filter: { type: "order_confirmed" } });

    const nothingLeft = await callRoute(retryMany, { path: "/api/v1/deliveries/retry", key, body: { type: "order_confirmed" } });
    expect(nothingLeft.json).toMatchObject({ queued: 0, message: "No failed deliveries match this filter." });
  });

  it("refuses a bad filter with 422 naming the field", async () => {
    const { key } = await setup("BadFilter", []);
    const res = await callRoute(retryMany, { path: "/api/v1/deliveries/retry", key, body: { status: "broken", from: 12 } });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toMatch(/status: must be one of dead_lettered, retrying, pending, delivered/);
    expect(res.json.error.message).toMatch(/from: /);
  });
});
