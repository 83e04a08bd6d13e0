import { randomUUID } from "node:crypto";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eventually } from "../support/eventually";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { acknowledgeIncident, listIncidents, listOpenIncidents, listOpenIncidentsAcrossPartners } from "@/lib/alerts/incidents";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { openWith } from "@/lib/crypto/keyring";
import { reencryptOrderSourceSecrets } from "@/lib/crypto/reencrypt";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { parseJsonKeepingBigIntegers } from "@/lib/intake/channels";
import { INTAKE_RATE_LIMIT } from "@/lib/intake/receive";
import { INTAKE_SPIKE } from "@/lib/intake/rules";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createPartner, createUser } from "@/prisma/factories";
import { fixtureText, genericHeaders, shopifyHeaders, shopifyOrder, wooHeaders, wooOrder } from "../support/intake";
import { discoverRoutes, startRouteServer, type RouteServer } from "../support/route-server";

// Order intake end to end over HTTP: the real route handlers on a real server, real Postgres,
// channel-shaped payloads signed with each channel's algorithm, deliveries sent to a local
// receiver that checks Waypoint's own signature. Mail goes through a real SMTP server (the
// in-process catcher) and is read there.

const SUPPORT = "oncall@intake-alerts.test";
const mailbox = await vi.hoisted(async () => (await import("../support/test-mailbox")).startTestMailbox("Waypoint Intake Test", "oncall@intake-alerts.test"));

const ROOT = path.resolve(import.meta.dirname, "../..");
let app: RouteServer;
let receiver: Receiver;
let partnerId: string;
let otherPartnerId: string;
let partnerKey: string;
let endpointId: string;
let adminEmail: string;
const sources: Record<string, { id: string; secret: string; url: string }> = {};

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(`${app.url}${p}`, { method, headers: { authorization: `Bearer ${partnerKey}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { message: string; details?: Record<string, unknown> } } };
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; details: Record<string, unknown> } } };
}

async function counts() {
  const [orders, events, deliveries, sms] = await Promise.all([
    db.order.count({ where: { partnerId } }),
    db.orderEvent.count({ where: { partnerId } }),
    db.delivery.count({ where: { partnerId } }),
    db.smsMessage.count({ where: { partnerId } }),
  ]);
  return { orders, events, deliveries, sms };
}

// A partner may have 10 sources: each test's own are removed after it (the shared three stay).
const madeByTests: string[] = [];
let creatingShared = true;
async function createSource(body: Record<string, unknown>) {
  const res = await api("POST", "/api/v1/order-sources", body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  if (!creatingShared) madeByTests.push(res.json.id as string);
  return { id: res.json.id as string, secret: res.json.secret as string, url: `${app.url}/api/v1/intake/${res.json.id as string}` };
}

beforeAll(async () => {
  app = await startRouteServer(await discoverRoutes(path.join(ROOT, "app/api/v1")));
  receiver = await startReceiver();
  const partner = await createPartner({ name: "Intake Test Co" });
  partnerId = partner.id;
  await db.partner.update({ where: { id: partnerId }, data: { smsEnabled: true, trackingEnabled: true } });
  adminEmail = `intake-admin-${Date.now()}@example.test`;
  await createUser({ role: "partner_admin", partnerId, email: adminEmail, password: "irrelevant" });
  otherPartnerId = (await createPartner({ name: "Intake Other Co" })).id;
  partnerKey = (await createApiKey({ kind: "partner", name: "intake tests", partnerId })).key;
  const endpoint = await createEndpoint({ partnerId, url: `${receiver.url}/intake-hook`, eventTypes: ["order_confirmed"] });
  endpointId = endpoint.endpoint.id;
  receiver.addSecret(endpoint.secret);
  sources.shopify = await createSource({ type: "shopify", name: "Kettle Shopify", secret: "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" });
  sources.woo = await createSource({ type: "woocommerce", name: "Chai Woo (strict)" });
  sources.wooLenient = await createSource({ type: "woocommerce", name: "Chai Woo (lenient)", validation: "lenient" });
  creatingShared = false;
});

afterEach(async () => {
  await db.orderSource.deleteMany({ where: { id: { in: madeByTests.splice(0) } } });
});

afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: [partnerId, otherPartnerId] } } });
  await app?.close();
  await receiver?.close();
  await mailbox.stop();
});

describe("order sources through the partner API", () => {
  it("creates a source with an unguessable intake URL and shows its secret only once", async () => {
    expect(sources.woo!.id).toMatch(/^src_[\w-]{27}$/);
    expect(sources.woo!.secret).toMatch(/^wc_[\w-]{32}$/);
    const listed = await api("GET", "/api/v1/order-sources");
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.json)).not.toContain(sources.woo!.secret);
    expect(JSON.stringify(listed.json)).not.toContain(sources.shopify!.secret);
    const one = await api("GET", `/api/v1/order-sources/${sources.woo!.id}`);
    expect(one.json).toMatchObject({ type: "woocommerce", intake_url: `http://localhost:3000/api/v1/intake/${sources.woo!.id}`, validation: "strict", secret: { masked: "••••" } });
    const row = await db.orderSource.findUniqueOrThrow({ where: { id: sources.woo!.id } });
    expect(row.encryptedSecret).toMatch(/^v1:/);
    expect(row.encryptedSecret).not.toContain(sources.woo!.secret);
  });

  it("refuses a Shopify source without Shopify's key, naming the field", async () => {
    const res = await api("POST", "/api/v1/order-sources", { type: "shopify", name: "No key" });
    expect(res.status).toBe(422);
    expect(res.json.error!.message).toMatch(/^secret: is required for Shopify/);
  });
});

describe("Shopify orders/create", () => {
  it("creates the order through the ingest write path, delivers its event to the endpoint and queues the SMS", async () => {
    const body = shopifyOrder();
    const ref = (parseJsonKeepingBigIntegers(body) as { name: string }).name;
    const res = await post(sources.shopify!.url, body, shopifyHeaders(sources.shopify!.secret, body));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ outcome: "accepted", order_id: expect.stringMatching(/^ord_/), tracking_url: expect.stringContaining("/t/") });
    const order = await db.order.findUniqueOrThrow({ where: { id: res.json.order_id as string } });
    expect(order).toMatchObject({ partnerId, merchantOrderRef: ref, customerId: "7712093847122", customerName: "Diya Raman", customerPhone: "+919812345678", source: "shopify", phoneIssue: null, status: "confirmed" });
    const sms = await db.smsMessage.findFirstOrThrow({ where: { orderId: order.id } });
    expect(sms.toPhone).toBe("+919812345678");
    const delivery = await db.delivery.findFirstOrThrow({ where: { endpointId, event: { orderId: order.id } } });
    expect((await performDeliveryAttempt(delivery.id)).kind).toBe("delivered");
    const arrived = receiver.received.find((r) => r.path === "/intake-hook" && r.body.includes(order.id));
    expect(arrived?.signatureValid).toBe(true);
    expect(JSON.parse(arrived!.body)).toMatchObject({ event: "order_confirmed", order_id: order.id, merchant_order_ref: ref, customer_id: "7712093847122" });
    const log = await db.intakeLog.findUniqueOrThrow({ where: { id: res.json.intake_id as string } });
    expect(log).toMatchObject({ outcome: "accepted", verified: true, orderId: order.id, orderRef: ref, topic: "orders/create" });
    expect(log.body).toBe(body);
    expect((log.headers as Record<string, string>)["x-shopify-hmac-sha256"]).toBe("[removed]");
  });

  it("answers a wrong signature 401, writes no order, and logs the request without its body", async () => {
    const body = shopifyOrder();
    const before = await counts();
    const headers = shopifyHeaders("shpss_not-the-right-key-0000000000", body);
    const res = await post(sources.shopify!.url, body, headers);
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ code: "unauthorized", details: { outcome: "unauthorized", reason_code: "signature_invalid" } });
    expect(await counts()).toEqual(before);
    const log = await db.intakeLog.findUniqueOrThrow({ where: { id: res.json.error!.details.intake_id as string } });
    expect(log).toMatchObject({ outcome: "unauthorized", verified: false, body: null, deliveryId: headers["x-shopify-webhook-id"] });
    // A tampered body with the right key's signature of the original is refused the same way.
    const good = shopifyHeaders(sources.shopify!.secret, body);
    expect((await post(sources.shopify!.url, body.replace("Diya", "Eve"), good)).status).toBe(401);
  });

  it("never creates a second order for the channel's retries of one delivery, even at once", async () => {
    const body = shopifyOrder();
    const headers = shopifyHeaders(sources.shopify!.secret, body);
    const [a, b] = await Promise.all([post(sources.shopify!.url, body, headers), post(sources.shopify!.url, body, headers)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const before = await counts();
    const again = await post(sources.shopify!.url, body, headers);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ outcome: "duplicate", order_id: (a.status === 201 ? a : b).json.order_id });
    expect(await counts()).toEqual(before);
    // orders/updated for the same order (a new delivery id): the order exists, nothing new.
    const updated = await post(sources.shopify!.url, body, shopifyHeaders(sources.shopify!.secret, body, { topic: "orders/updated" }));
    expect(updated.json).toMatchObject({ outcome: "duplicate", order_id: (a.status === 201 ? a : b).json.order_id });
    expect(await counts()).toEqual(before);
  });

  it("ignores topics and cancelled orders it does not ship, with 200 so the channel does not retry", async () => {
    const body = shopifyOrder();
    const res = await post(sources.shopify!.url, body, shopifyHeaders(sources.shopify!.secret, body, { topic: "orders/paid" }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ outcome: "ignored", order_id: null, reason: expect.stringMatching(/orders\/paid/) });
  });
});

describe("WooCommerce order.created, strict and lenient sources", () => {
  it("takes a processing order in with the billing phone normalised, and answers the save-time ping", async () => {
    const body = wooOrder();
    const res = await post(sources.woo!.url, body, wooHeaders(sources.woo!.secret, body));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const order = await db.order.findUniqueOrThrow({ where: { id: res.json.order_id as string } });
    expect(order).toMatchObject({ customerId: "arjun.mehta@example.in", customerName: "Arjun Mehta", customerPhone: "+919820011223", source: "woocommerce" });
    expect(await db.smsMessage.count({ where: { orderId: order.id } })).toBe(1);
    const delivery = await db.delivery.findFirstOrThrow({ where: { endpointId, event: { orderId: order.id } } });
    expect((await performDeliveryAttempt(delivery.id)).kind).toBe("delivered");
    expect(receiver.received.find((r) => r.body.includes(order.id))?.signatureValid).toBe(true);
    const viaApi = await api("GET", `/api/v1/orders/${order.id}`);
    expect(viaApi.json).toMatchObject({ merchant_order_ref: order.merchantOrderRef, source: "woocommerce", phone_issue: null });
    const ping = await post(sources.woo!.url, "webhook_id=17", { "content-type": "application/x-www-form-urlencoded" });
    expect(ping).toMatchObject({ status: 200, json: { outcome: "ignored" } });
    const pending = wooOrder({ status: "pending" });
    expect((await post(sources.woo!.url, pending, wooHeaders(sources.woo!.secret, pending))).json).toMatchObject({ outcome: "ignored", reason: expect.stringMatching(/not ready to ship/) });
  });

  it("strict: a missing phone is a 422 naming customer_phone, logged with the body; lenient: accepted, flagged, no SMS", async () => {
    const number = `WC-NOPHONE-${Date.now()}`;
    const body = wooOrder({ number, billingPhone: "" });
    const before = await counts();
    const strict = await post(sources.woo!.url, body, wooHeaders(sources.woo!.secret, body));
    expect(strict.status).toBe(422);
    expect(strict.json.error).toMatchObject({ code: "validation_failed", message: "customer_phone: missing (no value at shipping.phone, billing.phone)", details: { field: "customer_phone", reason_code: "missing_field" } });
    expect(await counts()).toEqual(before);
    const log = await db.intakeLog.findUniqueOrThrow({ where: { id: strict.json.error!.details.intake_id as string } });
    expect(log).toMatchObject({ outcome: "rejected", reasonCode: "missing_field", orderRef: number, body });

    const lenient = await post(sources.wooLenient!.url, body, wooHeaders(sources.wooLenient!.secret, body));
    expect(lenient.status).toBe(201);
    expect(lenient.json).toMatchObject({ outcome: "accepted", phone_issue: "missing" });
    const order = await db.order.findUniqueOrThrow({ where: { id: lenient.json.order_id as string } });
    expect(order).toMatchObject({ phoneIssue: "missing", customerPhone: "" });
    expect(await db.smsMessage.count({ where: { orderId: order.id } })).toBe(0);
    expect(await db.orderEvent.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("a repeated delivery (the same X-WC-Webhook-Delivery-ID) is logged as a duplicate and creates no second order", async () => {
    const body = wooOrder();
    const ref = (JSON.parse(body) as { number: string }).number;
    const deliveryId = randomUUID().replace(/-/g, "");
    const headers = wooHeaders(sources.woo!.secret, body, { deliveryId });
    const first = await post(sources.woo!.url, body, headers);
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const orderId = first.json.order_id as string;
    const before = await counts();

    // WooCommerce sends the delivery again (it saw no 2xx in time): 200, nothing written.
    const again = await post(sources.woo!.url, body, headers);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ outcome: "duplicate", order_id: orderId, reason: `Delivery ${deliveryId} was already received (intake ${first.json.intake_id as string}); nothing was written again.` });
    // Known by its delivery id before the body is read: even a body with another order number under it writes nothing.
    const edited = wooOrder();
    const resent = await post(sources.woo!.url, edited, wooHeaders(sources.woo!.secret, edited, { deliveryId }));
    expect(resent.json).toMatchObject({ outcome: "duplicate", order_id: orderId });
    expect(await counts()).toEqual(before);
    expect(await db.order.count({ where: { partnerId, merchantOrderRef: ref } })).toBe(1);

    // The intake log: the first delivery accepted, each repeat a duplicate of it pointing at the same order.
    const log = await api("GET", `/api/v1/intake-log?source=${sources.woo!.id}&q=${deliveryId}`);
    const entries = log.json.entries as { id: string; outcome: string; reason_code: string | null; delivery_id: string; order_id: string | null; replayable: boolean }[];
    expect(entries.map((e) => [e.outcome, e.reason_code, e.delivery_id, e.order_id])).toEqual([
      ["duplicate", "delivery_seen", deliveryId, orderId],
      ["duplicate", "delivery_seen", deliveryId, orderId],
      ["accepted", null, deliveryId, orderId],
    ]);
    expect(entries.every((e) => !e.replayable)).toBe(true);
  });

  it("a delivery that was rejected is taken in when WooCommerce sends it again after the fix, and only then counts as seen", async () => {
    const source = await createSource({ type: "woocommerce", name: "Chai Woo (retry)" });
    const body = wooOrder({ billingPhone: "" });
    const deliveryId = randomUUID().replace(/-/g, "");
    const headers = wooHeaders(source.secret, body, { deliveryId });
    expect((await post(source.url, body, headers)).status).toBe(422);
    // The partner accepts orders without a phone from now on; the channel's next try of the same delivery goes through.
    expect((await api("PATCH", `/api/v1/order-sources/${source.id}`, { validation: "lenient" })).status).toBe(200);
    const retried = await post(source.url, body, headers);
    expect(retried.status, JSON.stringify(retried.json)).toBe(201);
    expect(retried.json).toMatchObject({ outcome: "accepted", phone_issue: "missing" });
    const before = await counts();
    expect((await post(source.url, body, headers)).json).toMatchObject({ outcome: "duplicate", order_id: retried.json.order_id });
    expect(await counts()).toEqual(before);
    // The failure is resolved by the accepted retry: nothing open for this source.
    expect((await api("GET", `/api/v1/intake-log?source=${source.id}`)).json.failures).toEqual([]);
  });

  it("reads a phone without a country code in the partner's default country", async () => {
    await db.partner.update({ where: { id: partnerId }, data: { defaultCountry: "GB" } });
    try {
      const body = wooOrder({ billingPhone: "07911 123456" });
      const res = await post(sources.woo!.url, body, wooHeaders(sources.woo!.secret, body));
      expect((await db.order.findUniqueOrThrow({ where: { id: res.json.order_id as string } })).customerPhone).toBe("+447911123456");
    } finally {
      await db.partner.update({ where: { id: partnerId }, data: { defaultCountry: "IN" } });
    }
  });
});

describe("generic JSON with a field mapping", () => {
  it("rejects with the missing field named, lists the open failure first, and a replay after the mapping fix creates the order", async () => {
    const generic = await createSource({
      type: "generic",
      name: "Marketplace feed",
      mapping: { merchant_order_ref: "data.order.ref", customer_id: "data.customer.id", customer_name: "data.buyer.first_name + data.buyer.last_name", customer_phone: "data.billing.phone", occurred_at: "data.order.placed_at" },
    });
    expect(generic.secret).toMatch(/^whsec_/);
    const ref = `MKT-${Date.now()}`;
    const body = fixtureText("generic-order.json").replace("MKT-88213", ref).replace("2026-05-01T14:20:00+05:30", new Date().toISOString());
    const first = await post(generic.url, body, genericHeaders(generic.secret, body));
    expect(first.status).toBe(422);
    expect(first.json.error!.message).toBe("customer_id: missing (no value at data.customer.id)");
    // A second delivery of the same order fails the same way: one group, two requests, one order affected.
    await post(generic.url, body, genericHeaders(generic.secret, body));

    const log = await api("GET", `/api/v1/intake-log?source=${generic.id}`);
    expect(log.status).toBe(200);
    expect((log.json.failures as unknown[])[0]).toMatchObject({ source_id: generic.id, outcome: "rejected", reason_code: "missing_field", count: 2, orders_affected: 1, replayable: 2 });
    expect((log.json.entries as { outcome: string; replayable: boolean }[]).map((e) => [e.outcome, e.replayable])).toEqual([["rejected", true], ["rejected", true]]);

    const fixed = await api("PATCH", `/api/v1/order-sources/${generic.id}`, { mapping: { merchant_order_ref: "data.order.ref", customer_id: "data.buyer.uid", customer_name: "data.buyer.first_name + data.buyer.last_name", customer_phone: "data.billing.phone", occurred_at: "data.order.placed_at" } });
    expect(fixed.status).toBe(200);
    const intakeId = first.json.error!.details.intake_id as string;
    const replay = await api("POST", `/api/v1/intake-log/${intakeId}/replay`);
    expect(replay.status, JSON.stringify(replay.json)).toBe(200);
    expect(replay.json).toMatchObject({ intake_id: intakeId, outcome: "accepted", order_id: expect.stringMatching(/^ord_/) });
    const order = await db.order.findUniqueOrThrow({ where: { id: replay.json.order_id as string } });
    expect(order).toMatchObject({ merchantOrderRef: ref, customerId: "ig-55120", customerName: "Kavya Iyer", customerPhone: "+919900012345", source: "generic" });
    expect(await db.intakeLog.findUniqueOrThrow({ where: { id: intakeId } })).toMatchObject({ outcome: "accepted", replayCount: 1, orderId: order.id });
    // The other failed request of the same order is resolved by it: no open failure left, and a bulk replay finds nothing to do.
    const after = await api("GET", `/api/v1/intake-log?source=${generic.id}`);
    expect(after.json.failures).toEqual([]);
    expect((await api("POST", "/api/v1/intake-log/replay", { source: generic.id })).json).toMatchObject({ replayed: 0 });
  });

  it("bulk replay after a mapping fix creates every order that failed, marks each entry, and leaves open only what still fails", async () => {
    const broken = { merchant_order_ref: "data.order.ref", customer_id: "data.customer.id", customer_name: "data.buyer.first_name + data.buyer.last_name", customer_phone: "data.billing.phone", occurred_at: "data.order.placed_at" };
    const feed = await createSource({ type: "generic", name: "Marketplace bulk", mapping: broken });
    const run = Date.now().toString(36);
    const orderBody = (ref: string, buyer: string) =>
      fixtureText("generic-order.json").replace("MKT-88213", ref).replace("ig-55120", buyer).replace("2026-05-01T14:20:00+05:30", new Date().toISOString());
    const failed: { ref: string; buyer: string; intakeId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const ref = `MKB-${run}-${i}`;
      const body = orderBody(ref, `ig-bulk-${i}`);
      const res = await post(feed.url, body, genericHeaders(feed.secret, body));
      expect(res.status).toBe(422);
      failed.push({ ref, buyer: `ig-bulk-${i}`, intakeId: res.json.error!.details.intake_id as string });
    }
    // One order that the mapping fix does not help: it has no phone at all (a strict source).
    const noPhoneRef = `MKB-${run}-nophone`;
    const noPhone = orderBody(noPhoneRef, "ig-bulk-x").replace('"phone": "+91 99000 12345", ', "");
    const noPhoneRes = await post(feed.url, noPhone, genericHeaders(feed.secret, noPhone));
    expect(noPhoneRes.status).toBe(422);
    const noPhoneId = noPhoneRes.json.error!.details.intake_id as string;

    const open = await api("GET", `/api/v1/intake-log?source=${feed.id}`);
    expect(open.json.failures).toEqual([expect.objectContaining({ reason_code: "missing_field", count: 4, orders_affected: 4, replayable: 4 })]);
    const before = await counts();

    expect((await api("PATCH", `/api/v1/order-sources/${feed.id}`, { mapping: { ...broken, customer_id: "data.buyer.uid" } })).status).toBe(200);
    const replay = await api("POST", "/api/v1/intake-log/replay", { source: feed.id });
    expect(replay.status, JSON.stringify(replay.json)).toBe(200);
    expect(replay.json).toEqual({ replayed: 4, accepted: 3, duplicate: 0, ignored: 0, still_failing: 1 });

    // Three orders, each with its event, delivery and SMS, as if they had arrived right.
    expect(await counts()).toEqual({ orders: before.orders + 3, events: before.events + 3, deliveries: before.deliveries + 3, sms: before.sms + 3 });
    for (const f of failed) {
      const order = await db.order.findFirstOrThrow({ where: { partnerId, merchantOrderRef: f.ref } });
      expect(order).toMatchObject({ customerId: f.buyer, customerName: "Kavya Iyer", customerPhone: "+919900012345", source: "generic" });
      expect(await db.intakeLog.findUniqueOrThrow({ where: { id: f.intakeId } })).toMatchObject({ outcome: "accepted", replayCount: 1, orderId: order.id, lastReplayedAt: expect.any(Date) });
    }
    const firstOrder = await db.order.findFirstOrThrow({ where: { partnerId, merchantOrderRef: failed[0]!.ref } });
    const delivery = await db.delivery.findFirstOrThrow({ where: { endpointId, event: { orderId: firstOrder.id } } });
    expect((await performDeliveryAttempt(delivery.id)).kind).toBe("delivered");
    expect(receiver.received.find((r) => r.body.includes(firstOrder.id))?.signatureValid).toBe(true);

    // The one that still fails says why now, stays open and replayable; nothing else is left.
    expect(await db.intakeLog.findUniqueOrThrow({ where: { id: noPhoneId } })).toMatchObject({ outcome: "rejected", reasonCode: "missing_field", reason: "customer_phone: missing (no value at data.billing.phone)", replayCount: 1, orderId: null });
    const after = await api("GET", `/api/v1/intake-log?source=${feed.id}`);
    expect(after.json.failures).toEqual([expect.objectContaining({ reason_code: "missing_field", count: 1, orders_affected: 1, replayable: 1, reason: "customer_phone: missing (no value at data.billing.phone)" })]);
    // A second bulk replay touches only that one; the accepted ones are not replayed again.
    expect((await api("POST", "/api/v1/intake-log/replay", { source: feed.id })).json).toEqual({ replayed: 1, accepted: 0, duplicate: 0, ignored: 0, still_failing: 1 });
    expect(await db.order.count({ where: { partnerId, merchantOrderRef: { startsWith: `MKB-${run}-` } } })).toBe(3);
    expect(await db.auditLog.count({ where: { partnerId, action: "intake.bulk_replayed" } })).toBeGreaterThanOrEqual(2);
  });

  it("refuses a Standard Webhooks request signed too long ago (replay protection)", async () => {
    const generic = await createSource({ type: "generic", name: "Old clock" });
    const body = fixtureText("generic-order.json");
    const res = await post(generic.url, body, genericHeaders(generic.secret, body, { at: new Date(Date.now() - 10 * 60_000) }));
    expect(res.status).toBe(401);
    expect(res.json.error!.message).toMatch(/away from Waypoint's clock/);
  });
});

describe("safety", () => {
  it("answers an unknown source 404 and a body over the limit 413, before verifying anything", async () => {
    expect((await post(`${app.url}/api/v1/intake/src_doesnotexist0000000000000`, "{}", { "content-type": "application/json" })).status).toBe(404);
    const big = `{"pad":"${"x".repeat(300 * 1024)}"}`;
    expect((await post(sources.shopify!.url, big, shopifyHeaders(sources.shopify!.secret, big))).status).toBe(413);
  });

  it("rate-limits per source with 429 and Retry-After", async () => {
    const source = await createSource({ type: "woocommerce", name: "Rate limited" });
    const saved = INTAKE_RATE_LIMIT.limit;
    INTAKE_RATE_LIMIT.limit = 2;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(source.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "webhook_id=1" });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      INTAKE_RATE_LIMIT.limit = saved;
    }
  });

  it("rotating a secret keeps the previous one verifying during the overlap", async () => {
    const rotated = await api("POST", `/api/v1/order-sources/${sources.wooLenient!.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.json.secret as string;
    expect(fresh).not.toBe(sources.wooLenient!.secret);
    for (const secret of [fresh, sources.wooLenient!.secret]) {
      const body = wooOrder();
      expect((await post(sources.wooLenient!.url, body, wooHeaders(secret, body))).status).toBe(201);
    }
  });

  it("npm run secrets:reencrypt re-seals source secrets sealed with a previous SECRETS_ENCRYPTION_KEY", async () => {
    const OLD_KEY = "b2xkLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc=";
    const source = await createSource({ type: "woocommerce", name: "Key rotation" });
    await db.orderSource.update({ where: { id: source.id }, data: { encryptedSecret: encryptSecret(source.secret, OLD_KEY) } });
    const { env } = await import("@/lib/env");
    env.SECRETS_ENCRYPTION_KEY_PREVIOUS.push(OLD_KEY);
    try {
      const body = wooOrder();
      expect((await post(source.url, body, wooHeaders(source.secret, body))).status).toBe(201);
      await reencryptOrderSourceSecrets();
    } finally {
      env.SECRETS_ENCRYPTION_KEY_PREVIOUS.length = 0;
    }
    const row = await db.orderSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(openWith(row.encryptedSecret, [process.env.SECRETS_ENCRYPTION_KEY!])).toBe(source.secret);
  });
});

describe("a spike of failed intakes raises an incident for the source, like a failing endpoint", () => {
  type OpsPayload = { type: string; data: { incident_id: string; rule: string; status: string; source_id?: string; source_name?: string; endpoint_id?: string; summary: string } };
  let ops: { endpoint: { id: string }; secret: string };
  beforeAll(async () => {
    // The partner's operational endpoint (order events never go there: it takes return_initiated only).
    ops = await createEndpoint({ partnerId, url: `${receiver.url}/intake-ops`, eventTypes: ["return_initiated"] });
    receiver.addSecret(ops.secret);
    await db.alertSettings.create({ data: { partnerId, overrides: {}, opsEndpointId: ops.endpoint.id } });
  });

  const fail = async (source: { url: string }) => {
    const body = wooOrder();
    return (await post(source.url, body, wooHeaders("wc_wrong-secret", body))).status;
  };
  // Every notice names the source, whose name carries a unique tag.
  const mailsAbout = (to: string, name: string) => mailbox.messages().filter((m) => m.to.includes(to) && `${m.subject}\n${m.text}`.includes(name));
  const opsAbout = (sourceId: string) =>
    receiver.received
      .filter((r) => r.path === "/intake-ops")
      .map((r) => {
        expect(r.signatureValid).toBe(true);
        return new Webhook(ops.secret).verify(r.body, r.headers) as OpsPayload;
      })
      .filter((p) => p.data.source_id === sourceId);
  /** Exactly n mails to the admin and to support about this source, and n operational webhooks (newest mail first). */
  async function notices(source: { id: string }, name: string, n: number) {
    await eventually(() => mailsAbout(adminEmail, name), (m) => m.length >= n);
    await eventually(() => mailsAbout(SUPPORT, name), (m) => m.length >= n);
    await eventually(() => opsAbout(source.id), (c) => c.length >= n);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives late
    const admin = mailsAbout(adminEmail, name);
    const support = mailsAbout(SUPPORT, name);
    const hooks = opsAbout(source.id);
    expect([admin.length, support.length, hooks.length]).toEqual([n, n, n]);
    return { admin, support, hooks };
  }

  it("the failed intake that crosses the threshold opens one incident, notified once; it is listed, acknowledged, and resolved when the failures stop", async () => {
    const name = `Wrong secret store ${Date.now().toString(36)}`;
    const source = await createSource({ type: "woocommerce", name });
    for (let i = 0; i < INTAKE_SPIKE.failures - 1; i++) expect(await fail(source)).toBe(401);
    expect(await db.incident.count({ where: { endpointId: source.id } })).toBe(0);
    expect(await fail(source)).toBe(401);
    const [incident, ...more] = await db.incident.findMany({ where: { endpointId: source.id } });
    expect(more).toEqual([]);
    expect(incident).toMatchObject({ partnerId, rule: "intake_failures", status: "open", endpointUrl: name, openKey: `intake_failures:${source.id}` });
    expect(incident!.summary).toMatch(/^10 failed intakes in the last 15 min \(threshold 10\); top reason: .*X-WC-Webhook-Signature/);
    expect(incident!.details).toMatchObject({ failures: 10, threshold: 10, windowSeconds: 900 });

    // More failures: the same incident, no new notice.
    for (let i = 0; i < 2; i++) expect(await fail(source)).toBe(401);
    expect(await db.incident.count({ where: { endpointId: source.id } })).toBe(1);

    // One notice per recipient, through the incident path: the admins' intake mail (source, count,
    // top reason, a link to the failures), support's incident mail, the signed operational webhook.
    const opened = await notices(source, name, 1);
    expect(opened.admin[0]!.subject).toBe(`Orders from ${name} are failing to arrive in Waypoint`);
    expect(opened.admin[0]!.text).toContain("10 requests from the order source");
    expect(opened.admin[0]!.text).toContain("X-WC-Webhook-Signature");
    expect(opened.admin[0]!.links).toContain(`http://localhost:3000/intake?source=${source.id}`);
    expect(opened.support[0]!.subject).toBe(`Alert: Order intake failures on order source '${name}' (Intake Test Co)`);
    expect(opened.support[0]!.links).toContain("http://localhost:3000/support");
    expect(opened.hooks[0]).toMatchObject({ type: "order_source.failing", data: { rule: "intake_failures", status: "open", source_id: source.id, source_name: name, incident_id: incident!.id } });
    expect(opened.hooks[0]!.data).not.toHaveProperty("endpoint_id");
    // One mail each in the outbox too: no separate intake mail beside the incident's.
    expect(await db.emailMessage.count({ where: { partnerId, subject: { contains: name } } })).toBe(2);
    expect(await db.auditLog.count({ where: { partnerId, action: "order_source.failing", targetId: source.id } })).toBe(1);

    // Where incidents are listed: the banner and the Incidents page (this partner), the support console; not another partner's.
    expect((await listOpenIncidents(partnerId)).map((i) => i.id)).toContain(incident!.id);
    expect((await listIncidents(partnerId)).find((i) => i.id === incident!.id)).toMatchObject({ rule: "intake_failures", endpointId: source.id, endpointUrl: name, status: "open" });
    expect((await listOpenIncidentsAcrossPartners()).find((i) => i.id === incident!.id)?.partner.name).toBe("Intake Test Co");
    expect(await listIncidents(otherPartnerId)).toEqual([]);
    await expect(acknowledgeIncident(otherPartnerId, incident!.id, { id: null, email: "other@intake.test" })).rejects.toMatchObject({ code: "not_found" });

    await acknowledgeIncident(partnerId, incident!.id, { id: null, email: adminEmail });
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident!.id } })).toMatchObject({ status: "acknowledged", acknowledgedBy: adminEmail });

    // Still failing: the evaluator keeps it open with the latest figures.
    await evaluateAlerts();
    const kept = await db.incident.findUniqueOrThrow({ where: { id: incident!.id } });
    expect(kept).toMatchObject({ status: "acknowledged" });
    expect(kept.details).toMatchObject({ failures: 12 });

    // The failures leave the window (the evaluator's clock past it): resolved, and told.
    await evaluateAlerts(new Date(Date.now() + INTAKE_SPIKE.windowMs + 60_000));
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident!.id } })).toMatchObject({ status: "resolved", openKey: null });
    const resolved = await notices(source, name, 2);
    expect(resolved.admin[0]!.subject).toBe(`Resolved: Order intake failures on order source '${name}' (Intake Test Co)`);
    expect(resolved.support[0]!.subject).toBe(`Resolved: Order intake failures on order source '${name}' (Intake Test Co)`);
    expect(resolved.hooks[1]).toMatchObject({ type: "order_source.recovered", data: { rule: "intake_failures", status: "resolved", source_id: source.id, incident_id: incident!.id } });
    expect(await listOpenIncidents(partnerId)).toEqual([]);
  });

  it("failing intakes arriving at once open one incident and notify once", async () => {
    const name = `Burst store ${Date.now().toString(36)}`;
    const source = await createSource({ type: "woocommerce", name });
    const statuses = await Promise.all(Array.from({ length: INTAKE_SPIKE.failures * 2 }, () => fail(source)));
    expect(statuses).toEqual(Array(INTAKE_SPIKE.failures * 2).fill(401));
    const incidents = await db.incident.findMany({ where: { endpointId: source.id } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ rule: "intake_failures", status: "open", partnerId });
    await notices(source, name, 1);
    expect(await db.auditLog.count({ where: { partnerId, action: "order_source.failing", targetId: source.id } })).toBe(1);
    // The evaluator agrees and opens nothing more for it.
    await evaluateAlerts();
    expect(await db.incident.count({ where: { endpointId: source.id } })).toBe(1);
    await evaluateAlerts(new Date(Date.now() + INTAKE_SPIKE.windowMs + 60_000));
    expect(await db.incident.findFirstOrThrow({ where: { endpointId: source.id } })).toMatchObject({ status: "resolved" });
  });

  it("the evaluator opens a source's incident if no intake did, and resolves it quietly once the source is deleted", async () => {
    const name = `Backfilled store ${Date.now().toString(36)}`;
    const source = await createSource({ type: "generic", name });
    // Failures written without the intake path (as if its check had failed).
    await db.intakeLog.createMany({
      data: Array.from({ length: INTAKE_SPIKE.failures }, (_, i) => ({ id: `ilg_evaluator_${Date.now()}_${i}`, partnerId, sourceId: source.id, headers: {}, verified: true, outcome: "rejected" as const, reasonCode: "bad_json", reason: "The body is not valid JSON." })),
    });
    await evaluateAlerts();
    const [incident] = await db.incident.findMany({ where: { endpointId: source.id } });
    expect(incident).toMatchObject({ rule: "intake_failures", status: "open", summary: "10 failed intakes in the last 15 min (threshold 10); top reason: The body is not valid JSON." });
    await notices(source, name, 1);
    expect(await db.auditLog.count({ where: { partnerId, action: "order_source.failing", targetId: source.id } })).toBe(1);

    expect((await api("DELETE", `/api/v1/order-sources/${source.id}`)).status).toBeLessThan(300);
    await evaluateAlerts();
    const gone = await db.incident.findUniqueOrThrow({ where: { id: incident!.id } });
    expect(gone).toMatchObject({ status: "resolved" });
    expect(gone.summary).toMatch(/no longer watched: the order source was deleted/);
    await notices(source, name, 1);
  });
});
