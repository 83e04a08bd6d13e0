import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// /api/inngest and the readiness check as a production process sees them (NODE_ENV=production,
// DELIVERY_ENGINE=inngest, both keys): Inngest's calls must be signed with INNGEST_SIGNING_KEY;
// an anonymous POST (which could otherwise run retry-deliveries with any delivery ids) is refused
// and runs nothing.
const SIGNING_KEY = "signkey-prod-5f0c6a4e9b7d4b1e8c2a3f6d0e9b8a7c5f0c6a4e9b7d4b1e8c2a3f6d0e9b8a7c";
const before = { ...process.env };

type Handler = (request: Request, context: unknown) => Promise<Response>;
let route: { GET: Handler; POST: Handler; PUT: Handler; maxDuration: number };
let ready: { GET: () => Promise<Response> };
let lib: {
  db: typeof import("@/lib/db/client").db;
  factories: typeof import("@/prisma/factories");
  createOrder: typeof import("@/lib/orders/create-order").createOrder;
  registerInngestDriver: typeof import("@/inngest/driver").registerInngestDriver;
  SERVE_MAX_DURATION_S: number;
};
const partnerIds: string[] = [];

beforeAll(async () => {
  // Before any app module is imported: the env is read once.
  Object.assign(process.env, { NODE_ENV: "production", DELIVERY_ENGINE: "inngest", INNGEST_EVENT_KEY: "test-event-key", INNGEST_SIGNING_KEY: SIGNING_KEY });
  delete process.env.INNGEST_DEV;
  route = (await import("@/app/api/inngest/route")) as unknown as typeof route;
  ready = (await import("@/app/api/health/ready/route")) as unknown as typeof ready;
  lib = {
    db: (await import("@/lib/db/client")).db,
    factories: await import("@/prisma/factories"),
    createOrder: (await import("@/lib/orders/create-order")).createOrder,
    registerInngestDriver: (await import("@/inngest/driver")).registerInngestDriver,
    SERVE_MAX_DURATION_S: (await import("@/inngest/client")).SERVE_MAX_DURATION_S,
  };
});
afterAll(async () => {
  await lib?.db.partner.deleteMany({ where: { id: { in: partnerIds } } });
  for (const key of ["NODE_ENV", "DELIVERY_ENGINE", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV"]) {
    if (before[key] === undefined) delete process.env[key];
    else process.env[key] = before[key];
  }
});

/** A dead-lettered delivery, the kind an attacker would like to have sent again. */
async function deadLettered() {
  const partner = await lib.factories.createPartner();
  partnerIds.push(partner.id);
  await lib.factories.createEndpoint({ partnerId: partner.id, url: "https://hooks.example.com/prod" });
  const { deliveries } = await lib.db.$transaction((tx) =>
    lib.createOrder(tx, { partnerId: partner.id }, { merchant_order_ref: `PROD-${partner.id}`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }),
  );
  await lib.db.delivery.updateMany({ where: { partnerId: partner.id }, data: { status: "dead_lettered", nextAttemptAt: null } });
  return deliveries[0]!;
}

/** What Inngest would POST to run retry-deliveries' first step for these ids (one fixed body: the signature covers it). */
function runBody(deliveryIds: string[]) {
  const event = { data: { deliveryIds, triggeredById: null }, id: "evt-1", name: "waypoint/delivery.retry-requested", ts: Date.now() };
  // Keys in canonical (sorted) order: Inngest signs the canonical JSON of the body.
  return JSON.stringify({
    ctx: { attempt: 0, fn_id: "waypoint-retry-deliveries", run_id: "01J0000000000000000000000", stack: { current: 0, stack: [] } },
    event,
    events: [event],
    steps: {},
    version: 2,
  });
}
const runRequest = (body: string, signature?: string) =>
  new Request("http://localhost/api/inngest?fnId=waypoint-retry-deliveries&stepId=step", {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
    body,
  });

/** Inngest's request signature: HMAC-SHA256 over the body and the timestamp, keyed by the signing key without its prefix. */
const sign = (body: string, key: string, ts = Math.floor(Date.now() / 1000)) =>
  `t=${ts}&s=${createHmac("sha256", key.replace(/^signkey-\w+-/, "")).update(body + ts).digest("hex")}`;

describe("/api/inngest in production", () => {
  it("refuses an unsigned call (401) and runs nothing", async () => {
    const delivery = await deadLettered();
    const res = await route.POST(runRequest(runBody([delivery.id])), {});
    expect(res.status).toBe(401);
    expect(await lib.db.deliveryAttempt.count({ where: { deliveryId: delivery.id } })).toBe(0);
  });

  it("refuses a call signed with another key, or with an old timestamp", async () => {
    const delivery = await deadLettered();
    const body = runBody([delivery.id]);
    const wrongKey = await route.POST(runRequest(body, sign(body, "signkey-prod-00000000000000000000000000000000")), {});
    expect(wrongKey.status).toBe(401);
    const stale = await route.POST(runRequest(body, sign(body, SIGNING_KEY, Math.floor(Date.now() / 1000) - 3600)), {});
    expect(stale.status).toBe(401);
    expect(await lib.db.deliveryAttempt.count({ where: { deliveryId: delivery.id } })).toBe(0);
  });

  it("runs a correctly signed call (the refusals above are the signature check, nothing else)", async () => {
    const delivery = await deadLettered();
    // Signed with the real key: past the check, the function runs (its attempt fails: hooks.example.com is not resolvable here).
    const body = runBody([delivery.id]);
    const res = await route.POST(runRequest(body, sign(body, SIGNING_KEY)), {});
    expect(res.status).not.toBe(401);
    expect(await lib.db.deliveryAttempt.findMany({ where: { deliveryId: delivery.id }, select: { trigger: true, success: true } })).toEqual([{ trigger: "manual", success: false }]);
  });

  it("sets maxDuration to what the client's checkpointing assumes", () => {
    expect(route.maxDuration).toBe(lib.SERVE_MAX_DURATION_S);
  });
});

describe("readiness (GET /api/health/ready) with the Inngest driver", () => {
  it("is not ready while the driver is not registered in this process, then reports its state", async () => {
    const before = await ready.GET();
    expect(before.status).toBe(503);
    const notYet = await before.json();
    expect(notYet).toMatchObject({ ready: false, database: { reachable: true }, delivery: { driver: "inngest", inngest: { mode: "cloud", eventKey: true, signingKey: true, driverRegistered: false } } });
    expect(notYet.delivery.problems).toEqual([expect.stringContaining("not registered")]);

    lib.registerInngestDriver();
    const after = await ready.GET();
    expect(after.status).toBe(200);
    const report = await after.json();
    expect(report).toMatchObject({ ready: true, delivery: { driver: "inngest", problems: [], inngest: { driverRegistered: true, servePath: "/api/inngest" } } });
    expect(report.delivery.inngest.functions).toEqual(expect.arrayContaining(["waypoint-deliver-webhook", "waypoint-retry-deliveries", "waypoint-sweep-overdue-deliveries"]));
    // The signed and unsigned calls above were answered by this process: the last one is on record.
    expect(report.delivery.inngest.lastRun).toMatchObject({ kind: "run", status: expect.any(Number) });
    expect(JSON.stringify(report)).not.toContain(SIGNING_KEY.slice(-12));
    expect(JSON.stringify(report)).not.toContain("test-event-key");
  });
});
