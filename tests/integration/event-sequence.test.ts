import { beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { db } from "@/lib/db/client";
import { checkTransition } from "@/lib/events/transitions";
import { PayloadV2Schema } from "@/lib/events/payload-v2";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// Per-order sequence (SPEC "Payload contract"): every event of an order carries 1, 2, 3 …,
// numbered by the statement that records it, so concurrent status changes on one order can
// neither share nor skip a number. These run through the machine API's route handlers on the
// real pg pool (10 connections), so the requests really do race for the order's row.

const OFD = { event: "out_for_delivery", rider: { name: "Rajesh Kumar", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } };
const FAILED = { event: "delivery_failed", reason_code: "customer_unavailable" };

let key: string;
let partnerId: string;
let refSeq = 0;

const create = (ref = `SEQ-${++refSeq}-${Date.now()}`, headers: Record<string, string> = {}) =>
  callRoute(createOrderRoute, { path: "/api/v1/orders", key, headers, body: { partner_id: partnerId, merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812345678" } });
const push = (orderId: string, body: object, headers: Record<string, string> = {}) => callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body, headers });

/** The order's events as stored, by sequence. */
async function stored(orderId: string) {
  const rows = await db.orderEvent.findMany({ where: { orderId }, orderBy: { sequence: "asc" }, select: { id: true, type: true, sequence: true, payload: true } });
  return rows.map((r) => ({ ...r, payload: PayloadV2Schema.parse(r.payload) }));
}

beforeAll(async () => {
  partnerId = (await createPartner({ name: "Sequence Co" })).id;
  await createEndpoint({ partnerId, url: "http://127.0.0.1:9/all" });
  key = (await createIngestKey()).key;
});

describe("per-order event sequence", () => {
  it("numbers an order's events 1, 2, 3 … in the column, the stored payload and the API answer", async () => {
    const created = await create();
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const orderId = created.json.order_id as string;
    expect(created.json.event.sequence).toBe(1);
    const ofd = await push(orderId, OFD);
    const failed = await push(orderId, FAILED);
    const again = await push(orderId, OFD);
    const delivered = await push(orderId, { event: "delivered", confirmation_method: "otp" });
    expect([ofd, failed, again, delivered].map((r) => [r.status, r.json.event.sequence])).toEqual([[201, 2], [201, 3], [201, 4], [201, 5]]);
    const events = await stored(orderId);
    expect(events.map((e) => [e.type, e.sequence, e.payload.sequence])).toEqual([
      ["order_confirmed", 1, 1],
      ["out_for_delivery", 2, 2],
      ["delivery_failed", 3, 3],
      ["out_for_delivery", 4, 4],
      ["delivered", 5, 5],
    ]);
    // What the API answered is what was stored (and what endpoints receive).
    expect(delivered.json.event).toEqual(events[4]!.payload);
  });

  it("concurrent status changes on one order get 1..n with no gaps and no duplicates, in transition order", async () => {
    const orderId = (await create()).json.order_id as string;
    const answers: { status: number; sequence?: number; event: string }[] = [];
    // Bursts of racing requests: out_for_delivery and delivery_failed alternate legally, so in
    // each burst some win (in whatever order the row lock grants) and the rest get 409.
    for (let burst = 0; burst < 4; burst++) {
      const bodies = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? OFD : FAILED));
      const results = await Promise.all(bodies.map((b) => push(orderId, b)));
      results.forEach((r, i) => answers.push({ status: r.status, sequence: r.json.event?.sequence, event: bodies[i]!.event }));
    }
    const won = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    // Positive controls: they raced (some refused as wrong transitions), and several won.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.status === 409)).toBe(true);
    expect(won.length).toBeGreaterThanOrEqual(4);

    const events = await stored(orderId);
    const n = events.length;
    expect(n).toBe(1 + won.length);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(events.map((e) => e.payload.sequence)).toEqual(events.map((e) => e.sequence));
    // Each winner was told its own number, and no two winners share one.
    expect(won.map((a) => a.sequence).sort((x, y) => x! - y!)).toEqual(events.slice(1).map((e) => e.sequence));
    // By sequence, the events replay as a legal chain of status changes.
    let status = "confirmed" as Parameters<typeof checkTransition>[0];
    for (const e of events.slice(1)) {
      const step = checkTransition(status, e.type);
      expect(step.ok, `${status} → ${e.type} at sequence ${e.sequence}`).toBe(true);
      status = e.payload.status;
    }
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(status);
  });

  it("concurrent creates: each new order starts at 1; racing creates of one order make one event, sequence 1", async () => {
    const many = await Promise.all(Array.from({ length: 10 }, () => create()));
    expect(many.map((r) => [r.status, r.json.event.sequence])).toEqual(Array.from({ length: 10 }, () => [201, 1]));

    const ref = `SEQ-SAME-${Date.now()}`;
    const racing = await Promise.all(Array.from({ length: 6 }, () => create(ref)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = racing.find((r) => r.status === 201)!;
    expect((await stored(winner.json.order_id)).map((e) => e.sequence)).toEqual([1]);
  });

  it("a repeated Idempotency-Key answers the same sequence and numbers nothing new", async () => {
    const orderId = (await create()).json.order_id as string;
    const first = await push(orderId, OFD, { "idempotency-key": `seq-${orderId}` });
    const repeat = await push(orderId, OFD, { "idempotency-key": `seq-${orderId}` });
    expect(first.json.event.sequence).toBe(2);
    expect(repeat.status).toBe(201);
    expect(repeat.json.event.sequence).toBe(2);
    expect(repeat.json.event_id).toBe(first.json.event_id);
    expect((await push(orderId, FAILED)).json.event.sequence).toBe(3);
  });

  it("the database refuses a second event with an order's existing number", async () => {
    const orderId = (await create()).json.order_id as string;
    const [first] = await stored(orderId);
    await expect(
      db.orderEvent.create({ data: { partnerId, orderId, type: "out_for_delivery", occurredAt: new Date(), sequence: 1, payload: first!.payload } }),
    ).rejects.toThrow(/Unique constraint|unique/i);
  });
});
