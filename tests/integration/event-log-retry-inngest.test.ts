import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Manual retries with the Inngest driver: nothing is sent from the web process; the request
// goes to Inngest as `waypoint/delivery.retry-requested` (the retry-deliveries function, tested
// in inngest-delivery.test.ts, makes the attempts). No Inngest server runs here, so a small HTTP
// server stands in for its event API and records what the SDK posts.

type Posted = { name: string; data: { deliveryIds: string[]; triggeredById: string | null } };
const posted: Posted[] = [];
const eventApi = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const events = JSON.parse(body) as Posted[];
    posted.push(...(Array.isArray(events) ? events : [events]));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: posted.map((_, i) => `id${i}`), status: 200 }));
  });
});

let lib: {
  db: typeof import("@/lib/db/client").db;
  retryDelivery: typeof import("@/lib/delivery/retry").retryDelivery;
  retryFailedDeliveries: typeof import("@/lib/delivery/retry").retryFailedDeliveries;
  factories: typeof import("@/prisma/factories");
  createOrder: typeof import("@/lib/orders/create-order").createOrder;
};
const partnerIds: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", resolve));
  // Before any app module is imported: the env is read once.
  Object.assign(process.env, { DELIVERY_ENGINE: "inngest", INNGEST_DEV: `http://127.0.0.1:${(eventApi.address() as AddressInfo).port}` });
  // What instrumentation.ts does at start-up with DELIVERY_ENGINE=inngest.
  (await import("@/inngest/driver")).registerInngestDriver();
  lib = {
    db: (await import("@/lib/db/client")).db,
    ...(await import("@/lib/delivery/retry")),
    factories: await import("@/prisma/factories"),
    createOrder: (await import("@/lib/orders/create-order")).createOrder,
  };
});
const before = { DELIVERY_ENGINE: process.env.DELIVERY_ENGINE, INNGEST_DEV: process.env.INNGEST_DEV };
afterAll(async () => {
  Object.assign(process.env, before);
  if (before.INNGEST_DEV === undefined) delete process.env.INNGEST_DEV;
  await lib.db.partner.deleteMany({ where: { id: { in: partnerIds } } });
  eventApi.closeAllConnections();
  await new Promise((resolve) => eventApi.close(resolve));
});

describe("retries with the Inngest driver", () => {
  it("queue retry-requested events attributed to the person, and attempt nothing in this process", async () => {
    const { db, factories } = lib;
    const partner = await factories.createPartner();
    partnerIds.push(partner.id);
    const user = await factories.createUser({ role: "partner_member", partnerId: partner.id, password: "x" });
    await factories.createEndpoint({ partnerId: partner.id, url: "https://hooks.example.com/a" });
    for (let i = 0; i < 3; i++) {
      await db.$transaction((tx) => lib.createOrder(tx, { partnerId: partner.id }, { merchant_order_ref: `IN-${i}`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }));
    }
    await db.delivery.updateMany({ where: { partnerId: partner.id }, data: { status: "dead_lettered", nextAttemptAt: null } });
    const ids = (await db.delivery.findMany({ where: { partnerId: partner.id }, select: { id: true } })).map((d) => d.id);

    const one = await lib.retryDelivery({ partnerId: partner.id }, ids[0]!, { id: user.id, email: user.email });
    expect(one).toEqual({ mode: "queued", deliveryId: ids[0], status: "dead_lettered" });
    const many = await lib.retryFailedDeliveries({ partnerId: partner.id }, {}, { id: user.id, email: user.email });
    expect(many).toEqual({ mode: "queued", queued: 3 });

    expect(posted.map((e) => [e.name, e.data.triggeredById, [...e.data.deliveryIds].sort()])).toEqual([
      ["waypoint/delivery.retry-requested", user.id, [ids[0]]],
      ["waypoint/delivery.retry-requested", user.id, [...ids].sort()],
    ]);
    expect(await db.deliveryAttempt.count({ where: { deliveryId: { in: ids } } })).toBe(0);
    expect(await db.auditLog.count({ where: { partnerId: partner.id, action: { in: ["delivery.retried", "deliveries.bulk_retried"] } } })).toBe(2);
  });
});
