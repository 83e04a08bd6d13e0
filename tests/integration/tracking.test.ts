import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as trackingRoute } from "@/app/api/t/[token]/route";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { db } from "@/lib/db/client";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// The public JSON behind /t/{token}: no sign-in, the token is the only key, and the answer
// holds this one order's customer-facing facts and nothing else.

const partnerIds: string[] = [];
let key: string;
let seq = 0;

async function partner(name: string, trackingEnabled = true) {
  const p = await createPartner({ name });
  partnerIds.push(p.id);
  await db.partner.update({ where: { id: p.id }, data: { trackingEnabled } });
  return p;
}

async function order(partnerId: string, ref: string, phone: string) {
  const res = await callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key,
    body: { partner_id: partnerId, merchant_order_ref: ref, customer_id: `cust-${++seq}`, customer_name: "Sara Khan", customer_phone: phone },
  });
  expect(res.status).toBe(201);
  const row = await db.order.findUniqueOrThrow({ where: { id: res.json.order_id } });
  return row;
}

const event = (orderId: string, body: unknown) => callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body });
const track = (token: string) => callRoute(trackingRoute, { method: "GET", path: `/api/t/${token}`, params: { token } });

beforeAll(async () => {
  key = (await createIngestKey()).key;
});
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});

describe("GET /api/t/{token}", () => {
  it("answers with this order's public facts only: no ids, no customer phone, nothing of other orders", async () => {
    const mine = await partner("Tracked Merchant");
    const theirs = await partner("Other Merchant");
    const o = await order(mine.id, "TRK-1", "+919812344214");
    const sibling = await order(mine.id, "TRK-2", "+919800000042");
    const foreign = await order(theirs.id, "FOREIGN-1", "+919800000077");
    expect((await event(o.id, { event: "out_for_delivery", rider: { name: "Rajesh Kumar", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } })).status).toBe(201);

    const res = await track(o.trackingToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.json).toEqual({
      merchant_name: "Tracked Merchant",
      merchant_logo_url: null,
      order_ref: "TRK-1",
      status: "out_for_delivery",
      status_label: "Out for delivery",
      timeline: [
        { event: "order_confirmed", label: "Order confirmed", occurred_at: expect.any(String), note: null },
        { event: "out_for_delivery", label: "Out for delivery", occurred_at: expect.any(String), note: "With Rajesh Kumar" },
      ],
      out_for_delivery: { rider_name: "Rajesh Kumar", rider_phone_masked: "+91 98xxx xx214", otp: "4821", eta_from: "2026-05-01T08:30:00.000Z", eta_to: "2026-05-01T09:30:00.000Z" },
      failure: null,
      delivered_at: null,
      return_pickup_eta: null,
      updated_at: expect.any(String),
    });
    const text = JSON.stringify(res.json);
    for (const secret of [o.id, mine.id, o.customerPhone, "9812344214", "9876543214", o.customerId, o.trackingToken, "TRK-2", sibling.id, "FOREIGN-1", foreign.id, "Other Merchant", "evt_"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("after a failed attempt: the failure reason in words and the reschedule slot; the OTP is gone", async () => {
    const p = await partner("Retry Merchant");
    const o = await order(p.id, "TRK-FAIL", "+919812340000");
    await event(o.id, { event: "out_for_delivery", rider: { name: "Anita Desai", phone: "+919812345678" }, otp: "1234", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } });
    await event(o.id, { event: "delivery_failed", reason_code: "customer_unavailable", rescheduled_for: "2026-05-02T10:00:00+05:30" });
    const res = await track(o.trackingToken);
    expect(res.json).toMatchObject({ status: "delivery_failed", out_for_delivery: null, failure: { reason: "Customer was not available", rescheduled_for: "2026-05-02T04:30:00.000Z" } });
    expect(JSON.stringify(res.json)).not.toContain("1234");
  });

  it("tracking switched off: 404 saying tracking isn't available, without the merchant's name", async () => {
    const p = await partner("Quiet Merchant", false);
    const o = await order(p.id, "TRK-OFF", "+919812341111");
    const res = await track(o.trackingToken);
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe("Tracking isn't available for this merchant.");
    expect(JSON.stringify(res.json)).not.toContain("Quiet Merchant");
    expect(JSON.stringify(res.json)).not.toContain("TRK-OFF");
  });

  it("an unknown or malformed token: 404, the same answer either way", async () => {
    const unknown = await track("AAAAAAAAAAAAAAAAAAAAAAAA");
    const malformed = await track("../../etc/passwd");
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(unknown.json).toEqual(malformed.json);
    expect(unknown.json.error.message).toBe("This tracking link doesn't exist.");
  });
});
