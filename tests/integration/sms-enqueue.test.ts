import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { db } from "@/lib/db/client";
import { createOrder } from "@/lib/orders/create-order";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// SMS messages are written by the event pipeline itself (lib/orders/record-event.ts), in the
// event's transaction. No engine runs in this file: only what is queued is checked.

const partnerIds: string[] = [];
let key: string;
let seq = 0;

async function partnerWith(settings: { smsEnabled: boolean; name?: string }) {
  const partner = await createPartner({ name: settings.name ?? `SMS Co ${++seq}` });
  partnerIds.push(partner.id);
  await db.partner.update({ where: { id: partner.id }, data: { smsEnabled: settings.smsEnabled, trackingEnabled: true } });
  return partner;
}

async function order(partnerId: string, extra: Record<string, unknown> = {}) {
  const res = await callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key,
    body: { partner_id: partnerId, merchant_order_ref: `KC-${++seq}`, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812344214", ...extra },
  });
  expect(res.status).toBe(201);
  return res.json as { order_id: string; tracking_url: string; event: { event_id: string } };
}

beforeAll(async () => {
  key = (await createIngestKey()).key;
});
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});

describe("SMS queued with the order event", () => {
  it("SMS off: an event queues no message", async () => {
    const partner = await partnerWith({ smsEnabled: false });
    const { order_id } = await order(partner.id);
    expect(await db.smsMessage.count({ where: { orderId: order_id } })).toBe(0);
  });

  it("SMS on: the event queues one message to the customer, rendered from the default template", async () => {
    const partner = await partnerWith({ smsEnabled: true, name: "Kettle & Crumb Test" });
    const created = await order(partner.id);
    const messages = await db.smsMessage.findMany({ where: { orderId: created.order_id } });
    expect(messages).toHaveLength(1);
    const [sms] = messages;
    expect(sms).toMatchObject({ partnerId: partner.id, eventId: created.event.event_id, toPhone: "+919812344214", status: "pending", provider: "outbox", attemptCount: 0 });
    expect(sms!.nextAttemptAt).toBeInstanceOf(Date);
    expect(DEFAULT_SMS_TEMPLATES.order_confirmed).toContain("{{tracking_link}}");
    expect(sms!.body).toBe(`Hi Diya Iyer, your Kettle & Crumb Test order ${(await db.order.findUniqueOrThrow({ where: { id: created.order_id } })).merchantOrderRef} is confirmed. Track it: ${created.tracking_url}`);
  });

  it("is written in the event's transaction: a rolled-back order leaves no message behind", async () => {
    const partner = await partnerWith({ smsEnabled: true });
    const before = await db.smsMessage.count({ where: { partnerId: partner.id } });
    await expect(
      db.$transaction(async (tx) => {
        await createOrder(tx, { partnerId: partner.id }, { merchant_order_ref: "ROLLBACK-1", customer_id: "c", customer_name: "Kabir", customer_phone: "+919800000001" });
        expect(await tx.smsMessage.count({ where: { partnerId: partner.id } })).toBe(before + 1);
        throw new Error("the caller failed after the event was recorded");
      }),
    ).rejects.toThrow("the caller failed");
    expect(await db.smsMessage.count({ where: { partnerId: partner.id } })).toBe(before);
    expect(await db.order.count({ where: { partnerId: partner.id, merchantOrderRef: "ROLLBACK-1" } })).toBe(0);
  });

  it("uses the partner's saved template, and none for an event whose template is switched off", async () => {
    const partner = await partnerWith({ smsEnabled: true });
    await db.smsTemplate.createMany({
      data: [
        { partnerId: partner.id, eventType: "order_confirmed", body: "Confirmed, {{customer_name}}!", enabled: false },
        { partnerId: partner.id, eventType: "out_for_delivery", body: "{{rider_name}} ({{rider_phone}}) brings {{order_ref}}. OTP {{ otp }}." },
      ],
    });
    const created = await order(partner.id);
    expect(await db.smsMessage.count({ where: { orderId: created.order_id } })).toBe(0);

    const res = await callRoute(eventRoute, {
      path: `/api/v1/orders/${created.order_id}/events`,
      key,
      params: { orderId: created.order_id },
      body: { event: "out_for_delivery", rider: { name: "Rajesh Kumar", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } },
    });
    expect(res.status).toBe(201);
    const [sms] = await db.smsMessage.findMany({ where: { orderId: created.order_id } });
    const ref = (await db.order.findUniqueOrThrow({ where: { id: created.order_id } })).merchantOrderRef;
    expect(sms!.body).toBe(`Rajesh Kumar (+91 98xxx xx214) brings ${ref}. OTP 4821.`);
    expect(sms!.eventId).toBe(res.json.event_id);
  });

  it("a key bound to its partner: each order is rendered with the partner's settings as they are when it arrives", async () => {
    // The key check reads the bound partner in the same statement (lib/orders/ingest.ts): a change
    // made between two orders must show in the second.
    const partner = await partnerWith({ smsEnabled: true, name: "Bound Key Bakery" });
    const boundKey = (await createIngestKey(partner.id)).key;
    const post = async (ref: string) => {
      const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key: boundKey, body: { merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812344214" } });
      expect(res.status).toBe(201);
      return db.smsMessage.findMany({ where: { orderId: res.json.order_id } });
    };
    const [first] = await post(`BK-${++seq}`);
    expect(first!.body).toContain("your Bound Key Bakery order");

    await db.partner.update({ where: { id: partner.id }, data: { name: "Bound Key Bakehouse" } });
    await db.smsTemplate.create({ data: { partnerId: partner.id, eventType: "order_confirmed", body: "{{merchant_name}} has your order {{order_ref}}." } });
    const ref = `BK-${++seq}`;
    const [second] = await post(ref);
    expect(second!.body).toBe(`Bound Key Bakehouse has your order ${ref}.`);

    await db.partner.update({ where: { id: partner.id }, data: { smsEnabled: false } });
    expect(await post(`BK-${++seq}`)).toHaveLength(0);
  });

  it("an event that happened over an hour ago (a backfill) texts nobody", async () => {
    const partner = await partnerWith({ smsEnabled: true });
    const created = await order(partner.id, { occurred_at: new Date(Date.now() - 2 * 3_600_000).toISOString() });
    expect(await db.smsMessage.count({ where: { orderId: created.order_id } })).toBe(0);
  });
});
