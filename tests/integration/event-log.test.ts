import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getEvent } from "@/app/api/v1/events/[eventId]/route";
import { GET as listEvents } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import type { DeliveryStatus } from "@/lib/db/generated/enums";
import { deriveEventStatus, type FilterStatus } from "@/lib/event-log/status";
import type { EventLogFilter } from "@/lib/event-log/filter";
import { listEventLog } from "@/lib/event-log/list-events";
import type { EventType } from "@/lib/events/catalog";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { createOrder } from "@/lib/orders/create-order";
import { createEndpoint, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// The Event Log against real Postgres: data made the way the product makes it (createOrder /
// changeOrderStatus in a transaction write the event and its deliveries), then delivery states
// and times set directly so every filter has a known answer. Queried through the real route.

const HOUR = 3_600_000;
const partnerIds: string[] = [];
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});

async function partnerWithKey(name: string) {
  const partner = await createPartner({ name: `${name} ${Date.now()}` });
  partnerIds.push(partner.id);
  const { key } = await createApiKey({ kind: "partner", name: "it", partnerId: partner.id });
  return { partner, key };
}

let seq = 0;
async function order(partnerId: string, steps: ("out_for_delivery" | "delivered")[] = []) {
  return db.$transaction(async (tx) => {
    const created = await createOrder(tx, { partnerId }, { merchant_order_ref: `EL-${Date.now()}-${seq++}`, customer_id: "c1", customer_name: "Meera Iyer", customer_phone: "+919845012345" });
    const ids = [created.body.event.event_id];
    for (const step of steps) {
      const body =
        step === "out_for_delivery"
          ? ({ event: step, rider: { name: "Ravi", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } } as const)
          : ({ event: step, confirmation_method: "otp" } as const);
      ids.push((await changeOrderStatus(tx, { partnerId }, created.body.order_id, body)).body.event_id);
    }
    return { orderId: created.body.order_id, ref: created.body.event.merchant_order_ref, eventIds: ids };
  });
}

/** Moves an event (and its deliveries, written with it) back in time. */
async function backdate(eventId: string, at: Date) {
  await db.orderEvent.update({ where: { id: eventId }, data: { createdAt: at } });
  await db.delivery.updateMany({ where: { eventId }, data: { createdAt: at } });
}

const setStatus = (eventId: string, endpointId: string, status: DeliveryStatus) =>
  db.delivery.update({ where: { eventId_endpointId: { eventId, endpointId } }, data: { status, attemptCount: status === "pending" ? 0 : 2 } });

const get = (key: string, query = "") => callRoute(listEvents, { method: "GET", path: `/api/v1/events${query}`, key });
const ids = (res: { json: { events: { event_id: string }[] } }) => res.json.events.map((e) => e.event_id);

describe("GET /api/v1/events: filters", () => {
  let key: string;
  const ev: Record<string, string> = {};
  let all: string[];

  beforeAll(async () => {
    const { partner, key: k } = await partnerWithKey("Filters");
    key = k;
    // Before any endpoint: recorded, delivered nowhere.
    ev.lonely = (await order(partner.id)).eventIds[0]!;
    const { endpoint: everything } = await createEndpoint({ partnerId: partner.id, url: "https://hooks.example.com/all" });
    const { endpoint: outcomes } = await createEndpoint({ partnerId: partner.id, url: "https://hooks.example.com/outcomes", eventTypes: ["delivered", "delivery_failed"] });
    const a = await order(partner.id);
    const b = await order(partner.id, ["out_for_delivery"]);
    const c = await order(partner.id, ["out_for_delivery", "delivered"]);
    [ev.aConfirmed] = a.eventIds as [string];
    [ev.bConfirmed, ev.bOfd] = b.eventIds as [string, string];
    [ev.cConfirmed, ev.cOfd, ev.cDelivered] = c.eventIds as [string, string, string];

    // Everything delivered, except: a's confirmation dead-lettered; b's OFD retrying; c's
    // delivered event delivered to one endpoint and still pending at the other.
    await db.delivery.updateMany({ where: { partnerId: partner.id }, data: { status: "delivered", attemptCount: 1 } });
    await setStatus(ev.aConfirmed!, everything.id, "dead_lettered");
    await setStatus(ev.bOfd!, everything.id, "retrying");
    await setStatus(ev.cDelivered!, outcomes.id, "pending");

    // Distinct times, newest first as listed (events of one transaction can share a
    // millisecond): minutes ago for most, b's confirmation 2 days ago, a's 10 days ago.
    all = [ev.cDelivered, ev.cOfd, ev.cConfirmed, ev.bOfd, ev.lonely, ev.bConfirmed, ev.aConfirmed] as string[];
    const agoMs = [1, 2, 3, 4, 5, 48 * 60, 240 * 60].map((minutes) => minutes * 60_000);
    const now = Date.now();
    for (const [i, id] of all.entries()) await backdate(id, new Date(now - agoMs[i]!));
  });

  it("lists the partner's events newest first, each with its status per endpoint and attempts", async () => {
    const res = await get(key);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(all);
    const byId = Object.fromEntries(res.json.events.map((e: { event_id: string }) => [e.event_id, e]));
    expect(byId[ev.cDelivered!]).toMatchObject({ event: "delivered", status: "pending", attempts: 1 }); // 1 (delivered) + 0 (pending)
    expect(byId[ev.cDelivered!].deliveries.map((d: { endpoint_url: string; status: string }) => [d.endpoint_url, d.status])).toEqual([
      ["https://hooks.example.com/all", "delivered"],
      ["https://hooks.example.com/outcomes", "pending"],
    ]);
    expect(byId[ev.lonely!]).toMatchObject({ status: "no_endpoints", attempts: 0, deliveries: [] });
    expect(byId[ev.aConfirmed!]).toMatchObject({ status: "dead_lettered" });
    expect(res.json.failed_deliveries).toBe(2); // a's dead-lettered + b's retrying
  });

  it.each<[string, string, string[]]>([
    ["type", "?type=out_for_delivery", ["cOfd", "bOfd"]],
    ["type (none yet)", "?type=return_initiated", []],
    ["status dead-lettered", "?status=dead_lettered", ["aConfirmed"]],
    ["status retrying", "?status=retrying", ["bOfd"]],
    ["status pending (pending beats delivered)", "?status=pending", ["cDelivered"]],
    ["status delivered (all endpoints; not events that went nowhere)", "?status=delivered", ["cOfd", "cConfirmed", "bConfirmed"]],
    ["last hour", "?range=1h", ["cDelivered", "cOfd", "cConfirmed", "bOfd", "lonely"]],
    ["last 7 days", "?range=7d", ["cDelivered", "cOfd", "cConfirmed", "bOfd", "lonely", "bConfirmed"]],
    ["type and status", "?type=order_confirmed&status=delivered", ["cConfirmed", "bConfirmed"]],
    ["status and time", "?status=dead_lettered&range=7d", []],
  ])("%s", async (_name, query, expected) => {
    const res = await get(key, query);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected.map((k) => ev[k]));
  });

  it("a custom from–to window (with offsets)", async () => {
    const from = new Date(Date.now() - 72 * HOUR).toISOString().replace("Z", "+00:00");
    const to = new Date(Date.now() - 24 * HOUR).toISOString();
    const res = await get(key, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(ids(res)).toEqual([ev.bConfirmed]);
  });

  it.each([
    ["?type=shipped", /^type: must be one of order_confirmed/],
    ["?status=failed", /^status: must be one of dead_lettered, retrying, pending, delivered$/],
    ["?range=90d", /^range: must be one of 1h, 24h, 7d$/],
    ["?from=last-tuesday", /^from: must be an ISO-8601 date-time/],
    ["?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z", /^to: must be after from$/],
    ["?limit=1000", /^limit: must be at most 500$/],
    ["?stauts=failed", /^stauts: is not a filter; the filters are type, status, range, from, to, limit$/],
  ])("refuses %s with 422 naming the parameter", async (query, message) => {
    const res = await get(key, query);
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.message).toMatch(message);
  });

  it("needs an API key or a session", async () => {
    const res = await callRoute(listEvents, { method: "GET", path: "/api/v1/events", key: "wp_live_not-a-real-key" });
    expect(res.status).toBe(401);
  });
});

describe("the 500 cap and the deliveries-first plan", () => {
  let partnerId: string;
  let key: string;
  const base = Date.now() - 1_000 * 60_000;

  beforeAll(async () => {
    ({ partner: { id: partnerId }, key } = await partnerWithKey("Volume"));
    await createEndpoint({ partnerId, url: "https://hooks.example.com/a" });
    await createEndpoint({ partnerId, url: "https://hooks.example.com/b" });
    // 300 orders, 220 of them out for delivery: 520 events, 1,040 deliveries (more than the
    // first 1,000-delivery window, so the window has to grow for some filters).
    await db.$transaction(
      async (tx) => {
        for (let i = 0; i < 300; i++) {
          const created = await createOrder(tx, { partnerId }, { merchant_order_ref: `VOL-${i}`, customer_id: "c", customer_name: "Kabir", customer_phone: "+919845001122" });
          if (i < 220) {
            await changeOrderStatus(tx, { partnerId }, created.body.order_id, {
              event: "out_for_delivery",
              rider: { name: "Ravi", phone: "+919876543214" },
              otp: "1234",
              eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" },
            });
          }
        }
      },
      { timeout: 120_000 },
    );
    // Deterministic spread: event i one minute after event i-1; statuses by a fixed pattern
    // (mostly dead-lettered, so rare-status plans meet more than 1,000 candidates).
    const events = await db.orderEvent.findMany({ where: { partnerId }, orderBy: { id: "asc" }, select: { id: true } });
    const pattern: DeliveryStatus[] = ["dead_lettered", "dead_lettered", "dead_lettered", "retrying", "dead_lettered", "pending", "delivered", "dead_lettered"];
    await db.$executeRaw`
      UPDATE "OrderEvent" e SET "createdAt" = ${new Date(base)}::timestamp + (x.i * interval '1 minute')
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM "OrderEvent" WHERE "partnerId" = ${partnerId}) x WHERE x.id = e.id`;
    await db.$executeRaw`
      UPDATE "Delivery" d SET "createdAt" = e."createdAt" + interval '3 milliseconds',
             status = (${pattern}::text[])[1 + (x.i % ${pattern.length})]::"DeliveryStatus"
        FROM "OrderEvent" e, (SELECT id, row_number() OVER (ORDER BY id) AS i FROM "Delivery" WHERE "partnerId" = ${partnerId}) x
       WHERE d."eventId" = e.id AND x.id = d.id`;
    expect(events).toHaveLength(520);
  }, 180_000);

  it("answers at most 500 events, the newest, and fewer when asked", async () => {
    const res = await get(key);
    expect(res.json.events).toHaveLength(500);
    expect(res.json.limit).toBe(500);
    const times = res.json.events.map((e: { created_at: string }) => Date.parse(e.created_at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(Math.min(...times)).toBeGreaterThan(base + 20 * 60_000); // the 20 oldest are beyond the cap
    expect((await get(key, "?limit=25")).json.events).toHaveLength(25);
  });

  // The expected answer computed the slow, obvious way from every row, for filters taking both plans.
  async function expected(filter: EventLogFilter) {
    const rows = await db.orderEvent.findMany({ where: { partnerId }, select: { id: true, type: true, createdAt: true, deliveries: { select: { status: true } } } });
    return rows
      .filter((e) => (!filter.type || e.type === filter.type) && (!filter.from || e.createdAt >= filter.from) && (!filter.to || e.createdAt <= filter.to))
      .filter((e) => !filter.status || (e.deliveries.length > 0 && deriveEventStatus(e.deliveries.map((d) => d.status)) === filter.status))
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
      .slice(0, 500)
      .map((e) => e.id);
  }

  it.each<[FilterStatus | undefined, EventType | undefined, number | undefined]>([
    ["dead_lettered", undefined, undefined],
    ["dead_lettered", "out_for_delivery", undefined],
    ["dead_lettered", "order_confirmed", 200],
    ["retrying", undefined, undefined],
    ["pending", "order_confirmed", undefined],
    ["delivered", undefined, undefined],
    [undefined, "order_confirmed", 300],
  ])("status %s, type %s, from minute %s: same answer as a brute-force scan", async (status, type, fromMinute) => {
    const filter: EventLogFilter = { status, type, from: fromMinute ? new Date(base + fromMinute * 60_000) : undefined };
    const want = await expected(filter);
    const got = (await listEventLog(partnerId, filter)).events.map((e) => e.id);
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(0);
  });
});

describe("partner isolation", () => {
  it("another partner's events are never listed, and their ids are 404 with nothing of theirs in the answer", async () => {
    const mine = await partnerWithKey("Mine");
    const theirs = await partnerWithKey("Theirs Secret Co");
    await createEndpoint({ partnerId: theirs.partner.id, url: "https://theirs.example.com/hook" });
    const own = await order(mine.partner.id);
    const other = await order(theirs.partner.id);

    expect(ids(await get(mine.key))).toEqual(own.eventIds);
    const res = await callRoute(getEvent, { method: "GET", path: `/api/v1/events/${other.eventIds[0]}`, key: mine.key, params: { eventId: other.eventIds[0]! } });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    expect(JSON.stringify(res.json)).not.toMatch(/Theirs|theirs\.example|EL-/);
    const ok = await callRoute(getEvent, { method: "GET", path: `/api/v1/events/${other.eventIds[0]}`, key: theirs.key, params: { eventId: other.eventIds[0]! } });
    expect(ok.status).toBe(200);
  });
});

describe("GET /api/v1/events/{id}: payload as sent per endpoint", () => {
  it("renders the body each endpoint receives (JSON v2, XML v1) next to its attempts", async () => {
    const { partner, key } = await partnerWithKey("Formats");
    await createEndpoint({ partnerId: partner.id, url: "https://hooks.example.com/json", description: "CRM" });
    await createEndpoint({ partnerId: partner.id, url: "https://hooks.example.com/xml", format: "xml", schemaVersion: "v1" });
    const { eventIds, ref } = await order(partner.id);
    const res = await callRoute(getEvent, { method: "GET", path: `/api/v1/events/${eventIds[0]}`, key, params: { eventId: eventIds[0]! } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ event_id: eventIds[0], event: "order_confirmed", merchant_order_ref: ref, status: "pending" });
    const [json, xml] = res.json.deliveries;
    expect(json.endpoint).toMatchObject({ description: "CRM", format: "json", schema_version: "v2" });
    expect(json.request.content_type).toBe("application/json");
    expect(JSON.parse(json.request.body)).toEqual(res.json.payload);
    expect(xml.request.content_type).toBe("application/xml");
    expect(xml.request.body).toContain(`<order_id>${res.json.payload.order_id}</order_id>`);
    expect(xml.request.body).not.toContain("schema_version"); // v1 is the older flat shape
    expect(json).toMatchObject({ status: "pending", attempt_count: 0, attempts: [], next_attempt_at: expect.any(String) });
  });
});
