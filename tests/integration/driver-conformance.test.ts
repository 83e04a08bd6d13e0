import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// One table of behaviours, run against both delivery drivers: the embedded engine (in process,
// real time) and the Inngest functions (driven by @inngest/test, each `step.run` for real, every
// sleep mocked by a handler that wakes when the delivery is due, as the Inngest server would).
// A behaviour that differs between the drivers fails here. Lease 1 s and poll 100 ms for the file,
// so lease expiry and renewal are seen within a test.
Object.assign(process.env, { DELIVERY_LEASE_MS: "1000", DELIVERY_POLL_MS: "100" });

type Lib = {
  db: typeof import("@/lib/db/client").db;
  createOrder: typeof import("@/lib/orders/create-order").createOrder;
  factories: typeof import("@/prisma/factories");
  startReceiver: typeof import("@/lib/receiver/server").startReceiver;
  EmbeddedEngine: typeof import("@/lib/delivery/engine/embedded").EmbeddedEngine;
  retryDelivery: typeof import("@/lib/delivery/retry").retryDelivery;
  AppError: typeof import("@/lib/errors").AppError;
  deliverWebhook: typeof import("@/inngest/functions/deliver").deliverWebhook;
  retryDeliveries: typeof import("@/inngest/functions/retry").retryDeliveries;
};
let lib: Lib;
let receiver: Awaited<ReturnType<Lib["startReceiver"]>>;
const partnerIds: string[] = [];

beforeAll(async () => {
  // After the env above: lib/env.ts reads it once, on first import.
  lib = {
    db: (await import("@/lib/db/client")).db,
    createOrder: (await import("@/lib/orders/create-order")).createOrder,
    factories: await import("@/prisma/factories"),
    startReceiver: (await import("@/lib/receiver/server")).startReceiver,
    EmbeddedEngine: (await import("@/lib/delivery/engine/embedded")).EmbeddedEngine,
    retryDelivery: (await import("@/lib/delivery/retry")).retryDelivery,
    AppError: (await import("@/lib/errors")).AppError,
    deliverWebhook: (await import("@/inngest/functions/deliver")).deliverWebhook,
    retryDeliveries: (await import("@/inngest/functions/retry")).retryDeliveries,
  };
  receiver = await lib.startReceiver();
});
afterEach(async () => {
  // Nothing due may be left for the next case's embedded engine to pick up.
  await lib.db.partner.deleteMany({ where: { id: { in: partnerIds.splice(0) } } });
  receiver.reset();
});
afterAll(async () => {
  await receiver?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Delivery = { id: string; endpointId: string; eventId: string };
type ManualResult = "delivered" | "failed_manual" | "skipped" | "other";

/** What each driver must offer the table: deliver until settled, and a person's retry. */
type Driver = {
  name: "embedded" | "inngest";
  /** Runs the driver until every delivery is delivered or dead-lettered; the waits it made before each retry (seconds). */
  deliver: (deliveries: Delivery[]) => Promise<{ waits: Map<string, number[]> }>;
  manualRetry: (deliveryId: string, partnerId: string, userId: string) => Promise<ManualResult>;
};

const settled = async (ids: string[]) =>
  (await lib.db.delivery.count({ where: { id: { in: ids }, status: { in: ["delivered", "dead_lettered"] } } })) === ids.length;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const embedded: Driver = {
  name: "embedded",
  async deliver(deliveries) {
    const engine = new lib.EmbeddedEngine({ connectionString: process.env.DATABASE_URL! });
    await engine.start();
    try {
      await waitUntil(() => settled(deliveries.map((d) => d.id)), 30_000, "the engine to settle every delivery");
    } finally {
      await engine.stop();
    }
    const waits = new Map<string, number[]>();
    for (const d of deliveries) {
      const attempts = await lib.db.deliveryAttempt.findMany({ where: { deliveryId: d.id }, orderBy: { startedAt: "asc" } });
      waits.set(d.id, attempts.slice(1).map((a, i) => Math.floor((a.startedAt.getTime() - attempts[i]!.startedAt.getTime()) / 1000)));
    }
    return { waits };
  },
  async manualRetry(deliveryId, partnerId, userId) {
    try {
      const result = await lib.retryDelivery({ partnerId }, deliveryId, { id: userId, email: "person@example.com" });
      return result.mode === "sent" ? kindOf(result.outcome.kind) : "other";
    } catch (err) {
      if (err instanceof lib.AppError && err.code === "conflict") return "skipped";
      throw err;
    }
  },
};

/** A mocked sleep that ends when the delivery is due and nobody holds it (as the server would wake the run). */
const wakeWhenDue = (deliveryId: string) => async () => {
  const row = await lib.db.delivery.findUnique({ where: { id: deliveryId }, select: { nextAttemptAt: true, lockedUntil: true } });
  const until = Math.max(row?.nextAttemptAt?.getTime() ?? 0, row?.lockedUntil?.getTime() ?? 0, Date.now() + 100);
  await sleep(Math.min(until - Date.now(), 5000));
};

const inngest: Driver = {
  name: "inngest",
  async deliver(deliveries) {
    const waits = new Map<string, number[]>();
    await Promise.all(
      deliveries.map(async (d) => {
        const engine = new InngestTestEngine({ function: lib.deliverWebhook, events: [{ name: "waypoint/delivery.requested", data: { deliveryId: d.id, endpointId: d.endpointId } }] });
        const steps = Array.from({ length: 120 }, (_, i) => ({ id: `backoff-${i + 1}`, handler: wakeWhenDue(d.id) }));
        const { error, ctx } = await engine.execute({ steps });
        expect(error).toBeUndefined();
        const sleeps = (ctx.step.sleep.mock.calls as [string, string][]).map(([, duration]) => Number.parseInt(duration, 10));
        waits.set(d.id, sleeps);
      }),
    );
    return { waits };
  },
  async manualRetry(deliveryId, _partnerId, userId) {
    const engine = new InngestTestEngine({ function: lib.retryDeliveries, events: [{ name: "waypoint/delivery.retry-requested", data: { deliveryIds: [deliveryId], triggeredById: userId } }] });
    const steps = Array.from({ length: 30 }, (_, i) => ({ id: `retry-${deliveryId}-wait-${i + 1}`, handler: () => sleep(200) }));
    const { result, error } = await engine.execute({ steps });
    expect(error).toBeUndefined();
    return kindOf((result as Record<string, { kind: string }>)[deliveryId]!.kind);
  },
};

const kindOf = (kind: string): ManualResult => (kind === "delivered" || kind === "failed_manual" || kind === "skipped" ? kind : "other");

/** A partner (with this schedule), one endpoint on the receiver at its own path, and `orders` orders' deliveries. */
async function world(opts: { schedule?: number[]; rateLimitPerSecond?: number; orders?: number } = {}) {
  const partner = await lib.factories.createPartner({ retrySchedule: opts.schedule ?? [1, 2] });
  partnerIds.push(partner.id);
  const path = `/conformance/${partner.id}`;
  const { endpoint, secret } = await lib.factories.createEndpoint({ partnerId: partner.id, url: `${receiver.url}${path}` });
  if (opts.rateLimitPerSecond) await lib.db.endpoint.update({ where: { id: endpoint.id }, data: { rateLimitPerSecond: opts.rateLimitPerSecond } });
  receiver.addSecret(secret);
  const user = await lib.factories.createUser({ role: "partner_member", partnerId: partner.id, password: "x" });
  const deliveries: Delivery[] = [];
  for (let i = 0; i < (opts.orders ?? 1); i++) {
    const created = await lib.db.$transaction((tx) =>
      lib.createOrder(tx, { partnerId: partner.id }, { merchant_order_ref: `DC-${partner.id}-${i}`, customer_id: "c", customer_name: "Ada Lovelace", customer_phone: "+923001234567" }),
    );
    for (const d of created.deliveries) deliveries.push({ ...d, eventId: created.body.event.event_id });
  }
  const requests = () => receiver.received.filter((r) => r.path === path);
  return { partner, endpoint, user, path, deliveries, requests };
}

const stored = (id: string) => lib.db.delivery.findUniqueOrThrow({ where: { id }, include: { attempts: { orderBy: { startedAt: "asc" } } } });

describe.each([embedded, inngest])("delivery driver conformance: $name", (driver) => {
  it("success: one signed request whose webhook-id is the event id; delivered", async () => {
    const w = await world();
    await driver.deliver(w.deliveries);
    expect(w.requests()).toHaveLength(1);
    expect(w.requests()[0]).toMatchObject({ signatureValid: true, webhookId: w.deliveries[0]!.eventId, answeredStatus: 200 });
    expect(await stored(w.deliveries[0]!.id)).toMatchObject({ status: "delivered", attemptCount: 1, lockedUntil: null, nextAttemptAt: null, attempts: [{ trigger: "automatic", success: true }] });
  });

  it("retries on the partner's schedule (1 s, then 2 s) and delivers on the third attempt", async () => {
    const w = await world({ schedule: [1, 2, 30] });
    receiver.setMode({ kind: "fail-times", times: 2 }, w.path);
    const { waits } = await driver.deliver(w.deliveries);
    expect(waits.get(w.deliveries[0]!.id)).toEqual([1, 2]);
    expect(w.requests().map((r) => r.answeredStatus)).toEqual([500, 500, 200]);
    const gaps = w.requests().slice(1).map((r, i) => r.receivedAt.getTime() - w.requests()[i]!.receivedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(950);
    expect(gaps[1]).toBeGreaterThanOrEqual(1950);
    expect(await stored(w.deliveries[0]!.id)).toMatchObject({ status: "delivered", attemptCount: 3 });
  });

  it("dead-letters after the last retry, keeping every attempt and the reason", async () => {
    const w = await world({ schedule: [1, 1] });
    receiver.setMode({ kind: "status", status: 503 }, w.path);
    const { waits } = await driver.deliver(w.deliveries);
    expect(waits.get(w.deliveries[0]!.id)).toEqual([1, 1]);
    const after = await stored(w.deliveries[0]!.id);
    expect(after).toMatchObject({ status: "dead_lettered", attemptCount: 3, nextAttemptAt: null, lockedUntil: null, lastError: expect.stringContaining("503") });
    expect(after.attempts.map((a) => [a.trigger, a.statusCode])).toEqual([["automatic", 503], ["automatic", 503], ["automatic", 503]]);
    expect(w.requests()).toHaveLength(3);
  });

  it("manual retry: sends a dead-lettered delivery again, recorded as manual and attributed to the person", async () => {
    const w = await world({ schedule: [1] });
    receiver.setMode({ kind: "status", status: 500 }, w.path);
    await driver.deliver(w.deliveries);
    receiver.setMode({ kind: "ok" }, w.path);
    expect(await driver.manualRetry(w.deliveries[0]!.id, w.partner.id, w.user.id)).toBe("delivered");
    const after = await stored(w.deliveries[0]!.id);
    expect(after.status).toBe("delivered");
    expect(after.attempts.map((a) => [a.trigger, a.triggeredById])).toEqual([["automatic", null], ["automatic", null], ["manual", w.user.id]]);
  });

  it("rate limit: at most 4 sends in any second to an endpoint limited to 4/s, first attempts and retries alike", async () => {
    const w = await world({ schedule: [1], rateLimitPerSecond: 4, orders: 10 });
    receiver.setMode({ kind: "fail-times", times: 3 }, w.path); // three retries join the first attempts
    await driver.deliver(w.deliveries);
    const at = w.requests().map((r) => r.receivedAt.getTime()).sort((a, b) => a - b);
    expect(at).toHaveLength(13);
    // Any 5 consecutive sends span a second (minus a little timer jitter): never 5 within one second.
    const spans = at.slice(4).map((t, i) => t - at[i]!);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(950);
    for (const d of w.deliveries) expect((await stored(d.id)).status).toBe("delivered");
  });

  it("crash: a delivery whose worker died holding its lease is sent once, after the lease runs out, not before", async () => {
    const w = await world();
    const leaseEnds = Date.now() + 1500;
    await lib.db.delivery.update({ where: { id: w.deliveries[0]!.id }, data: { lockedUntil: new Date(leaseEnds) } });
    await driver.deliver(w.deliveries);
    expect(w.requests()).toHaveLength(1);
    expect(w.requests()[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(leaseEnds - 50);
    expect(await stored(w.deliveries[0]!.id)).toMatchObject({ status: "delivered", attemptCount: 1 });
  });

  it("crash: an attempt recorded just before the worker died is not repeated before its retry is due", async () => {
    const w = await world();
    const due = Date.now() + 1500;
    // What a killed run (or engine) left: attempt 1 recorded, retry due later, no lease.
    await lib.db.delivery.update({ where: { id: w.deliveries[0]!.id }, data: { status: "retrying", attemptCount: 1, nextAttemptAt: new Date(due), lockedUntil: null } });
    await driver.deliver(w.deliveries);
    expect(w.requests()).toHaveLength(1);
    expect(w.requests()[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(due - 50);
    expect(await stored(w.deliveries[0]!.id)).toMatchObject({ status: "delivered", attemptCount: 2 });
  });

  it("a manual retry during a slow attempt (longer than the lease) does not send a second time", async () => {
    const w = await world();
    receiver.setMode({ kind: "slow", ms: 2500 }, w.path);
    const delivering = driver.deliver(w.deliveries);
    await waitUntil(async () => w.requests().length === 1, 10_000, "the slow attempt to start");
    await sleep(1300); // past the 1 s lease: only its renewal keeps the attempt's claim
    expect(await driver.manualRetry(w.deliveries[0]!.id, w.partner.id, w.user.id)).toBe("skipped");
    await delivering;
    expect(w.requests()).toHaveLength(1);
    expect((await stored(w.deliveries[0]!.id)).attempts.map((a) => a.trigger)).toEqual(["automatic"]);
  });
});
