import "../support/embedded-driver";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { eventually } from "../support/eventually";

// A delivery worker in another process hears about new deliveries by NOTIFY, sent after the
// ingest commit and coalesced (lib/jobs/notify.ts), not inside the ingest transaction, where it
// serialised every commit behind the previous one's WAL flush.

let listener: pg.Client;

let partnerId: string;
let key: string;
let seq = 0;
const heard: { at: number; deliveries: number }[] = [];
let countFor: (() => Promise<number>) | null = null;

beforeAll(async () => {
  const partner = await createPartner();
  partnerId = partner.id;
  // The URL is never called: no engine runs in this test, the rows only have to exist.
  await createEndpoint({ partnerId, url: "https://receiver.example.com/hooks" });
  key = (await createIngestKey(partnerId)).key;
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  // On each notification, what a woken claim loop would find: this partner's deliveries.
  listener.on("notification", () => {
    void (countFor?.() ?? Promise.resolve(0)).then((deliveries) => heard.push({ at: Date.now(), deliveries }));
  });
  await listener.query(`LISTEN ${DELIVERY_CHANNEL}`);
});

afterAll(async () => {
  await listener?.end();
  await db.partner.delete({ where: { id: partnerId } });
});

const count = async () => Number((await listener.query(`SELECT count(*)::int AS n FROM "Delivery" WHERE "partnerId" = $1`, [partnerId])).rows[0].n);

const postOrder = () =>
  callRoute(createOrderRoute, {
    path: "/api/v1/orders",
    key,
    body: { merchant_order_ref: `NTF-${++seq}-${Date.now()}`, customer_id: "c1", customer_name: "Meera Nair", customer_phone: "+919845001122" },
  });

describe("waking other processes after an ingest commit", () => {
  it("an accepted order wakes a listener on another connection, which then finds its delivery", async () => {
    countFor = count;
    heard.length = 0;
    const res = await postOrder();
    expect(res.status).toBe(201);
    const found = await eventually(() => Math.max(0, ...heard.map((h) => h.deliveries)), (n) => n >= 1, 3_000);
    expect(found).toBe(1);
  });

  it("a burst of 40 orders wakes listeners with fewer notifications than orders, the last one after every commit", async () => {
    const before = await count();
    heard.length = 0;
    const answers = await Promise.all(Array.from({ length: 40 }, postOrder));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    // Some notification is heard when all 40 new deliveries are visible: nothing is left for the poll.
    const found = await eventually(() => Math.max(0, ...heard.map((h) => h.deliveries)), (n) => n === before + 40, 3_000);
    expect(found).toBe(before + 40);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.length).toBeGreaterThanOrEqual(1);
    // One NOTIFY in flight per process, the rest folded: an ingest transaction that notified
    // itself would make this 40 (Postgres folds identical notifications only within one transaction).
    expect(heard.length).toBeLessThan(40);
  });
});
