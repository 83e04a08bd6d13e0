import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { db } from "@/lib/db/client";
import { getPublicTracking } from "@/lib/tracking/get-tracking";
import { updateCustomerTimeZone } from "@/lib/tracking/update-settings";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// What the end customer reads is written in the partner's time zone (Partner.timeZone,
// lib/time/format.ts): the SMS queued with the event, and the tracking page's notes. The same
// events for a partner left at the default read in Asia/Kolkata.

const partnerIds: string[] = [];
let key: string;
let seq = 0;
const actor = { id: null, email: "tz-test@example.test" };
const ETA = { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" }; // 08:30-09:30 UTC

async function partnerIn(timeZone: string | null) {
  const partner = await createPartner({ name: `Zone Co ${++seq}` });
  partnerIds.push(partner.id);
  await db.partner.update({ where: { id: partner.id }, data: { smsEnabled: true, trackingEnabled: true } });
  if (timeZone) await updateCustomerTimeZone(actor, partner.id, timeZone);
  return partner;
}

async function outForDeliveryThenFailed(partnerId: string) {
  const created = await callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key,
    body: { partner_id: partnerId, merchant_order_ref: `TZ-${++seq}`, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812344214" },
  });
  expect(created.status).toBe(201);
  const orderId = (created.json as { order_id: string }).order_id;
  const send = (body: unknown) => callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, body, params: { orderId } });
  expect((await send({ event: "out_for_delivery", rider: { name: "Rajesh Kumar", phone: "+919876543214" }, otp: "4821", eta_window: ETA })).status).toBe(201);
  expect((await send({ event: "delivery_failed", reason_code: "customer_unavailable", rescheduled_for: "2026-05-02T10:00:00+05:30" })).status).toBe(201);
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { trackingToken: true, smsMessages: { orderBy: { createdAt: "asc" }, select: { body: true } } } });
  return { sms: order.smsMessages.map((m) => m.body), tracking: await getPublicTracking(order.trackingToken) };
}

beforeAll(async () => {
  key = (await createIngestKey()).key;
});
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});

describe("the partner's time zone", () => {
  it("a partner left at the default: SMS and tracking notes in Asia/Kolkata", async () => {
    const { sms, tracking } = await outForDeliveryThenFailed((await partnerIn(null)).id);
    expect(sms.find((b) => b.includes("Rajesh Kumar"))).toContain("Fri, 1 May, 2:00 pm - 3:00 pm");
    expect(tracking.kind === "ok" && tracking.timeZone).toBe("Asia/Kolkata");
    expect(tracking.kind === "ok" && tracking.view.timeline.at(-1)?.note).toBe("Customer was not available. Next attempt Sat, 2 May, 10:00 am");
  });

  it("a partner in Europe/London: the same instants in London time", async () => {
    const { sms, tracking } = await outForDeliveryThenFailed((await partnerIn("Europe/London")).id);
    expect(sms.find((b) => b.includes("Rajesh Kumar"))).toContain("Fri, 1 May, 9:30 am - 10:30 am");
    expect(tracking.kind === "ok" && tracking.timeZone).toBe("Europe/London");
    expect(tracking.kind === "ok" && tracking.view.timeline.at(-1)?.note).toBe("Customer was not available. Next attempt Sat, 2 May, 5:30 am");
  });

  it("refuses a zone that does not exist, naming it, and changes nothing", async () => {
    const partner = await partnerIn(null);
    await expect(updateCustomerTimeZone(actor, partner.id, "Mars/Olympus")).rejects.toThrow('"Mars/Olympus" is not a time zone');
    expect((await db.partner.findUniqueOrThrow({ where: { id: partner.id } })).timeZone).toBe("Asia/Kolkata");
  });
});
