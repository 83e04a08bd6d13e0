import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listOrders, POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// GET /api/v1/orders with a partner API key: "where is my order?" by ref, phone digits, name
// or tracking token, partner-scoped, newest first, keyset-paginated.

const partnerIds: string[] = [];
let ingestKey: string;
let partnerKey: string;
let otherKey: string;
const orders: Record<string, { id: string; trackingToken: string }> = {};

async function create(partnerId: string, ref: string, name: string, phone: string, minutesAgo: number) {
  const res = await callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key: ingestKey,
    body: { partner_id: partnerId, merchant_order_ref: ref, customer_id: ref, customer_name: name, customer_phone: phone, occurred_at: new Date(Date.now() - minutesAgo * 60_000).toISOString() },
  });
  expect(res.status).toBe(201);
  orders[ref] = await db.order.findUniqueOrThrow({ where: { id: res.json.order_id }, select: { id: true, trackingToken: true } });
}

const list = async (query: string, key = partnerKey) => callRoute(listOrders, { method: "GET", path: `/api/v1/orders?${query}`, key });
const refs = (res: { json: { orders: { merchant_order_ref: string }[] } }) => res.json.orders.map((o) => o.merchant_order_ref);

beforeAll(async () => {
  ingestKey = (await createIngestKey()).key;
  const mine = await createPartner({ name: "Search Co" });
  const other = await createPartner({ name: "Other Search Co" });
  partnerIds.push(mine.id, other.id);
  partnerKey = (await createApiKey({ kind: "partner", name: "t", partnerId: mine.id })).key;
  otherKey = (await createApiKey({ kind: "partner", name: "t", partnerId: other.id })).key;
  await create(mine.id, "SC-1001", "Aarav Shah", "+919812344214", 50);
  await create(mine.id, "SC-1002", "Diya Iyer", "+919811114214", 40);
  await create(mine.id, "SC-1003", "Kabir Rao", "+919800005555", 30);
  await create(mine.id, "SC-2001", "Meera Nair", "+919800006666", 20);
  await create(other.id, "OT-4214", "Zoya Ali", "+919899994214", 10);
  const ofd = { event: "out_for_delivery", rider: { name: "R", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } };
  const id = orders["SC-1003"]!.id;
  expect((await callRoute(eventRoute, { path: `/api/v1/orders/${id}/events`, key: ingestKey, params: { orderId: id }, body: ofd })).status).toBe(201);
});
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});

describe("GET /api/v1/orders", () => {
  it("lists the partner's own orders, newest first, phones masked", async () => {
    const res = await list("");
    expect(res.status).toBe(200);
    expect(refs(res)).toEqual(["SC-2001", "SC-1003", "SC-1002", "SC-1001"]);
    expect(res.json.orders[3]).toMatchObject({ customer_name: "Aarav Shah", customer_phone_masked: "+91 98xxx xx214", status: "confirmed" });
    expect(JSON.stringify(res.json)).not.toContain("9812344214");
  });

  it("finds orders by the last digits of the customer's phone, only the partner's own", async () => {
    expect(refs(await list("q=4214"))).toEqual(["SC-1002", "SC-1001"]);
    expect(refs(await list("q=98123%2044214"))).toEqual(["SC-1001"]);
    expect(refs(await list("q=4214", otherKey))).toEqual(["OT-4214"]);
  });

  it("finds by order reference (partial, any case), customer name, tracking token or pasted tracking link", async () => {
    expect(refs(await list("q=sc-100"))).toEqual(["SC-1003", "SC-1002", "SC-1001"]);
    expect(refs(await list("q=meera"))).toEqual(["SC-2001"]);
    const token = orders["SC-1002"]!.trackingToken;
    expect(refs(await list(`q=${token}`))).toEqual(["SC-1002"]);
    expect(refs(await list(`q=${encodeURIComponent(`http://localhost:3000/t/${token}`)}`))).toEqual(["SC-1002"]);
  });

  it("never finds another partner's order, even by its exact ref or token", async () => {
    expect(refs(await list("q=OT-4214"))).toEqual([]);
    expect(refs(await list(`q=${orders["OT-4214"]!.trackingToken}`))).toEqual([]);
  });

  it("filters by status", async () => {
    expect(refs(await list("status=out_for_delivery"))).toEqual(["SC-1003"]);
    expect(refs(await list("q=4214&status=out_for_delivery"))).toEqual([]);
    expect((await list("status=lost")).status).toBe(422);
  });

  it("pages with a cursor without repeating or skipping an order", async () => {
    const first = await list("limit=3");
    expect(refs(first)).toEqual(["SC-2001", "SC-1003", "SC-1002"]);
    expect(first.json.next_cursor).toEqual(expect.any(String));
    const second = await list(`limit=3&cursor=${first.json.next_cursor}`);
    expect(refs(second)).toEqual(["SC-1001"]);
    expect(second.json.next_cursor).toBeNull();
    expect((await list("cursor=garbage")).status).toBe(400);
  });

  it("refuses an ingest key: orders are read with a partner key or the session", async () => {
    expect((await list("", ingestKey)).status).toBe(403);
  });
});
