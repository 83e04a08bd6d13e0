import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverWebhook } from "@/inngest/functions/deliver";
import { retryDeliveries } from "@/inngest/functions/retry";
import { sweepOverdueDeliveries } from "@/inngest/functions/sweep";
import { findOverdueDeliveries } from "@/lib/delivery/find-overdue";
import { db } from "@/lib/db/client";
import { DEFAULT_RETRY_SCHEDULE_S } from "@/lib/delivery/policy";
import { createOrder } from "@/lib/orders/create-order";
import { startReceiver, type Receiver, type ReceiverMode } from "@/lib/receiver/server";
import { createEndpoint, createPartner } from "@/prisma/factories";

// The Inngest delivery function against the real database and a real HTTP receiver. No Inngest
// server runs here: @inngest/test drives the function step by step, running each `step.run` for
// real. Sleeps never pass on their own, so each backoff is mocked by its step id.

let receiver: Receiver;
// Partners this file creates; deleting them cascades to everything else it made, so no due
// delivery pointing at the closed receiver is left for another test file's engine to claim.
const partnerIds: string[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
  await receiver.close();
});
beforeEach(() => {
  receiver.reset();
});

/** A partner with one endpoint on the receiver (its own path and mode), and one order's delivery. */
async function deliveryTo(mode: ReceiverMode) {
  const partner = await createPartner();
  partnerIds.push(partner.id);
  const path = `/hooks/${partner.id}`;
  const { endpoint, secret } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}${path}` });
  receiver.addSecret(secret);
  receiver.setMode(mode, path);
  const { deliveries } = await db.$transaction((tx) =>
    createOrder(tx, { partnerId: partner.id }, {
      merchant_order_ref: `ORD-${partner.id}`,
      customer_id: "cust-1",
      customer_name: "Ada Lovelace",
      customer_phone: "+923001234567",
    }),
  );
  expect(deliveries).toEqual([{ id: expect.any(String), endpointId: endpoint.id }]);
  const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveries[0]!.id } });
  return { endpoint, delivery, path };
}

/**
 * Every backoff the default schedule can ask for, mocked by step id. A mocked sleep ends at once,
 * so it also stands for the time passing: the delivery comes due (an attempt step never sends
 * before nextAttemptAt). A fresh array per run: the engine mutates it.
 */
const backoffMocks = (deliveryId: string) =>
  DEFAULT_RETRY_SCHEDULE_S.map((_, i) => ({ id: `backoff-${i + 1}`, handler: () => comeDue(deliveryId) }));
const comeDue = async (deliveryId: string) => {
  await db.delivery.updateMany({ where: { id: deliveryId, nextAttemptAt: { not: null } }, data: { nextAttemptAt: new Date() } });
};

function runDeliver(delivery: { id: string; endpointId: string }) {
  const engine = new InngestTestEngine({
    function: deliverWebhook,
    events: [{ name: "waypoint/delivery.requested", data: { deliveryId: delivery.id, endpointId: delivery.endpointId } }],
  });
  return engine.execute({ steps: backoffMocks(delivery.id) });
}

type Calls = { mock: { calls: unknown[][] } };
const stepIds = (spy: Calls) => spy.mock.calls.map((args) => args[0]);

async function stored(deliveryId: string) {
  const delivery = await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } });
  const attempts = await db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { startedAt: "asc" } });
  return { delivery, attempts };
}

describe("deliverWebhook (Inngest function)", () => {
  it("delivers on the first attempt: one signed request whose webhook-id is the event id", async () => {
    const { delivery, path } = await deliveryTo({ kind: "ok" });

    const { result, error, ctx } = await runDeliver(delivery);

    expect(error).toBeUndefined();
    expect(result).toEqual({ kind: "delivered", attemptNumber: 1 });
    expect(stepIds(ctx.step.run)).toEqual(["attempt-1"]);
    expect(ctx.step.sleep).not.toHaveBeenCalled();

    const requests = receiver.received.filter((r) => r.path === path);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", signatureValid: true, webhookId: delivery.eventId, answeredStatus: 200 });

    const { delivery: after, attempts } = await stored(delivery.id);
    expect(after).toMatchObject({ status: "delivered", attemptCount: 1, nextAttemptAt: null, lastError: null });
    expect(after.deliveredAt).toBeInstanceOf(Date);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ trigger: "automatic", success: true, statusCode: 200 });
  });

  it("fails twice, sleeps 30 s then 120 s as the policy says, and delivers on the third attempt", async () => {
    const { delivery, path } = await deliveryTo({ kind: "fail-times", times: 2 });

    const { result, error, ctx } = await runDeliver(delivery);

    expect(error).toBeUndefined();
    expect(result).toEqual({ kind: "delivered", attemptNumber: 3 });
    expect(ctx.step.sleep.mock.calls).toEqual([
      ["backoff-1", "30s"],
      ["backoff-2", "120s"],
    ]);
    expect(stepIds(ctx.step.run)).toEqual(["attempt-1", "attempt-2", "attempt-3"]);

    const requests = receiver.received.filter((r) => r.path === path);
    expect(requests.map((r) => r.answeredStatus)).toEqual([500, 500, 200]);
    // Every attempt is the same message: the same webhook-id lets the partner deduplicate.
    expect(new Set(requests.map((r) => r.webhookId))).toEqual(new Set([delivery.eventId]));
    expect(requests.every((r) => r.signatureValid === true)).toBe(true);

    const { delivery: after, attempts } = await stored(delivery.id);
    expect(after).toMatchObject({ status: "delivered", attemptCount: 3, nextAttemptAt: null, lastError: null });
    expect(attempts.map((a) => [a.success, a.statusCode])).toEqual([
      [false, 500],
      [false, 500],
      [true, 200],
    ]);
  });

  it("fails every time: 4 attempts, sleeps 30/120/480 s, then dead-letters in a final step", async () => {
    const { delivery, path } = await deliveryTo({ kind: "status", status: 500 });

    const { result, error, ctx } = await runDeliver(delivery);

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ kind: "dead_lettered", attemptNumber: 4 });
    expect(ctx.step.sleep.mock.calls).toEqual([
      ["backoff-1", "30s"],
      ["backoff-2", "120s"],
      ["backoff-3", "480s"],
    ]);
    expect(stepIds(ctx.step.run)).toEqual(["attempt-1", "attempt-2", "attempt-3", "attempt-4", "dead-letter"]);

    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(4);

    const { delivery: after, attempts } = await stored(delivery.id);
    expect(after).toMatchObject({ status: "dead_lettered", attemptCount: 4, nextAttemptAt: null });
    expect(after.deadLetteredAt).toBeInstanceOf(Date);
    expect(after.lastError).toBeTruthy();
    expect(attempts).toHaveLength(4);
    expect(attempts.every((a) => !a.success && a.statusCode === 500 && a.trigger === "automatic")).toBe(true);
  });

  it("re-announcing a delivered delivery sends nothing (no idempotency key needed)", async () => {
    const { delivery, path } = await deliveryTo({ kind: "ok" });
    await runDeliver(delivery);

    const { result } = await runDeliver(delivery);

    expect(result).toEqual({ kind: "skipped", reason: "already delivered" });
    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(1);
    expect((await stored(delivery.id)).attempts).toHaveLength(1);
  });
});

describe("retryDeliveries (manual retry)", () => {
  it("sends a dead-lettered delivery again, recorded as a manual attempt", async () => {
    const { delivery, path } = await deliveryTo({ kind: "status", status: 500 });
    await runDeliver(delivery);
    expect((await stored(delivery.id)).delivery.status).toBe("dead_lettered");
    receiver.setMode({ kind: "ok" }, path);

    const engine = new InngestTestEngine({
      function: retryDeliveries,
      events: [{ name: "waypoint/delivery.retry-requested", data: { deliveryIds: [delivery.id, delivery.id], triggeredById: null } }],
    });
    const { result, error, ctx } = await engine.execute();

    expect(error).toBeUndefined();
    expect(result).toEqual({ [delivery.id]: { kind: "delivered", attemptNumber: 5 } });
    expect(stepIds(ctx.step.run)).toEqual([`retry-${delivery.id}`]);
    const { delivery: after, attempts } = await stored(delivery.id);
    expect(after.status).toBe("delivered");
    expect(attempts.map((a) => a.trigger)).toEqual(["automatic", "automatic", "automatic", "automatic", "manual"]);
  });
});

describe("sweepOverdueDeliveries (safety net)", () => {
  it("finds deliveries overdue by more than a lease and a poll and not leased, and re-announces them", async () => {
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const lost = (await deliveryTo({ kind: "ok" })).delivery;
    const recent = (await deliveryTo({ kind: "ok" })).delivery;
    const leased = (await deliveryTo({ kind: "ok" })).delivery;
    const done = (await deliveryTo({ kind: "ok" })).delivery;
    // Lease 6 s + poll 1 s (issue 15; 30 s before): a minute late is lost (it was ten minutes before issue 13); three seconds is not.
    await db.delivery.update({ where: { id: lost.id }, data: { status: "retrying", nextAttemptAt: minutesAgo(1) } });
    await db.delivery.update({ where: { id: recent.id }, data: { nextAttemptAt: new Date(Date.now() - 3_000) } });
    await db.delivery.update({ where: { id: leased.id }, data: { nextAttemptAt: minutesAgo(30), lockedUntil: new Date(Date.now() + 60_000) } });
    await db.delivery.update({ where: { id: done.id }, data: { status: "delivered", nextAttemptAt: minutesAgo(30) } });

    const found = (await findOverdueDeliveries()).map((d) => d.id);
    expect(found).toContain(lost.id);
    expect(found).not.toContain(recent.id);
    expect(found).not.toContain(leased.id);
    expect(found).not.toContain(done.id);

    const engine = new InngestTestEngine({ function: sweepOverdueDeliveries });
    const { result, error, ctx } = await engine.execute({ steps: [{ id: "re-announce", handler: () => ({ ids: [] }) }] });

    expect(error).toBeUndefined();
    expect(result).toEqual({ announced: found.length });
    const [[id, events]] = ctx.step.sendEvent.mock.calls as [[string, { name: string; data: unknown }[]]];
    expect(id).toBe("re-announce");
    expect(events).toContainEqual(
      expect.objectContaining({ name: "waypoint/delivery.requested", data: { deliveryId: lost.id, endpointId: lost.endpointId } }),
    );
    expect(events.map((e) => (e.data as { deliveryId: string }).deliveryId)).not.toContain(recent.id);
  });
});

describe("event schemas", () => {
  it("a delivery.requested event without endpointId is rejected before any attempt", async () => {
    const { delivery, path } = await deliveryTo({ kind: "ok" });
    const engine = new InngestTestEngine({
      function: deliverWebhook,
      events: [{ name: "waypoint/delivery.requested", data: { deliveryId: delivery.id } }],
    });
    const { error } = await engine.execute({ steps: backoffMocks(delivery.id) });

    expect(String((error as { message?: unknown } | undefined)?.message)).toMatch(/endpointId/);
    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(0);
    expect((await stored(delivery.id)).delivery.attemptCount).toBe(0);
  });
});
