import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sqlOn } from "@/lib/db/sql";
import { AttemptRecorder } from "@/lib/delivery/attempt-recorder";
import { renewLeases } from "@/lib/delivery/attempt-context";
import { claimDueDeliveries, deferDeliveries } from "@/lib/delivery/engine/claim";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { createOrder } from "@/lib/orders/create-order";
import { createEndpoint, createPartner } from "@/prisma/factories";

// The embedded engine's two statements against real Postgres: the claim that leases due
// deliveries and brings everything an attempt needs, and the batched write of finished attempts.

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
afterAll(() => pool.end());

const ok: HttpAttemptResult = { success: true, statusCode: 200, latencyMs: 8, errorClass: null, errorMessage: null, responseExcerpt: "thanks", responseHeaders: { "x-request-id": "r1" } };
const failed: HttpAttemptResult = { success: false, statusCode: 503, latencyMs: 15, errorClass: "http_error", errorMessage: null, responseExcerpt: "busy", responseHeaders: {} };
const timedOut: HttpAttemptResult = { success: false, statusCode: null, latencyMs: 10_000, errorClass: "timeout", errorMessage: "No response within 10 s", responseExcerpt: null, responseHeaders: {} };

let partnerId: string;
let endpointIds: string[];
beforeAll(async () => {
  partnerId = (await createPartner({ retrySchedule: [30, 120] })).id;
  endpointIds = [];
  for (const path of ["/a", "/b", "/c"]) endpointIds.push((await createEndpoint({ partnerId, url: `http://127.0.0.1:9/${path}` })).endpoint.id);
});
afterAll(async () => {
  await db.partner.delete({ where: { id: partnerId } });
});

/** Claims only this file's partner's deliveries: other files' rows are excluded by endpoint. */
async function claimOurs(limit = 50) {
  const others = (await db.endpoint.findMany({ where: { partnerId: { not: partnerId } }, select: { id: true } })).map((e) => e.id);
  return claimDueDeliveries(pool, { limit, leaseMs: 30_000, excludeEndpoints: others });
}

describe("claim", () => {
  it("leases each due delivery once and brings its payload, endpoint, schedule and sealed secrets", async () => {
    const created = await db.$transaction((tx) => createOrder(tx, { partnerId }, { merchant_order_ref: `EB-${Date.now()}`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }));
    const claimed = await claimOurs();
    expect(claimed.map((c) => c.id).sort()).toEqual(created.deliveries.map((d) => d.id).sort());
    const first = claimed[0]!;
    expect(first).toMatchObject({ eventId: created.body.event.event_id, status: "pending", attemptCount: 0, enabled: true, format: "json", schemaVersion: "v2", retrySchedule: [30, 120], rateLimitPerSecond: null });
    expect(first.payload).toEqual(created.body.event);
    expect(first.sealedSecrets).toHaveLength(1);
    expect(first.sealedSecrets[0]).not.toMatch(/^whsec_/); // still sealed: opened only in the engine's memory
    // Leased: a second claim (another process) gets none of them.
    expect(await claimOurs()).toEqual([]);

    // Rate-limited ones go back with a later due time and no lease.
    await deferDeliveries(pool, [first.id], [60_000]);
    const row = await db.delivery.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.lockedUntil).toBeNull();
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await db.delivery.updateMany({ where: { partnerId }, data: { nextAttemptAt: null, lockedUntil: null } });
  });

  it("skips endpoints whose lane is full", async () => {
    const created = await db.$transaction((tx) => createOrder(tx, { partnerId }, { merchant_order_ref: `EB-${Date.now()}-x`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }));
    const others = (await db.endpoint.findMany({ where: { partnerId: { not: partnerId } }, select: { id: true } })).map((e) => e.id);
    const claimed = await claimDueDeliveries(pool, { limit: 50, leaseMs: 30_000, excludeEndpoints: [...others, endpointIds[0]!] });
    expect(claimed).toHaveLength(2);
    expect(claimed.map((c) => c.endpointId)).not.toContain(endpointIds[0]);
    expect(created.deliveries).toHaveLength(3);
    await db.delivery.updateMany({ where: { partnerId }, data: { nextAttemptAt: null, lockedUntil: null } });
  });
});

describe("lease renewal", () => {
  it("is fenced: a worker whose lease ran out and was taken by another can never renew the other's lease", async () => {
    await db.$transaction((tx) => createOrder(tx, { partnerId }, { merchant_order_ref: `EB-${Date.now()}-l`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }));
    const others = (await db.endpoint.findMany({ where: { partnerId: { not: partnerId } }, select: { id: true } })).map((e) => e.id);
    const sql = sqlOn(pool);
    // Worker A claims with a short lease and stalls past it.
    const [first, second] = await claimDueDeliveries(pool, { limit: 2, leaseMs: 200, excludeEndpoints: [...others, endpointIds[2]!] });
    await new Promise((r) => setTimeout(r, 400));
    // Worker B claims the first one (its endpoint only); nobody claims the second.
    const taken = await claimDueDeliveries(pool, { limit: 5, leaseMs: 30_000, excludeEndpoints: [...others, ...endpointIds.filter((id) => id !== first!.endpointId)] });
    expect(taken.map((t) => t.id)).toEqual([first!.id]);
    expect(taken[0]!.leaseToken).not.toBe(first!.leaseToken);
    const bLease = (await db.delivery.findUniqueOrThrow({ where: { id: first!.id } })).lockedUntil!.getTime();

    const a = await renewLeases(sql, [first!, second!].map((d) => ({ id: d.id, token: d.leaseToken })), 30_000);
    expect([...a.lost]).toEqual([first!.id]); // B's now: not extended, not shortened
    expect((await db.delivery.findUniqueOrThrow({ where: { id: first!.id } })).lockedUntil!.getTime()).toBe(bLease);
    // Ran out, but nobody claimed it since: still A's, so renewing it is safe.
    expect([...a.renewed.keys()]).toEqual([second!.id]);
    expect((await db.delivery.findUniqueOrThrow({ where: { id: second!.id } })).lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // B renews with its token; each renewal answers the next token.
    const b = await renewLeases(sql, [{ id: first!.id, token: taken[0]!.leaseToken }], 30_000);
    expect(b.renewed.get(first!.id)).toMatch(/^\d{4}-\d\d-\d\d /);
    // A lease given back (its attempt recorded) is lost to its old holder.
    const secondToken = a.renewed.get(second!.id)!;
    await pool.query(`UPDATE "Delivery" SET "lockedUntil" = NULL WHERE id = $1`, [second!.id]);
    expect([...(await renewLeases(sql, [{ id: second!.id, token: secondToken }], 30_000)).lost]).toEqual([second!.id]);
    await db.delivery.updateMany({ where: { partnerId }, data: { nextAttemptAt: null, lockedUntil: null } });
  });
});

describe("attempt recorder", () => {
  it("records a batch of mixed results in one go: each attempt stored, each delivery moved to its next state", async () => {
    const created = await db.$transaction((tx) => createOrder(tx, { partnerId }, { merchant_order_ref: `EB-${Date.now()}-w`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }));
    const [a, b, c] = await claimOurs();
    expect(c).toBeDefined();
    // The third one is on its last attempt (schedule [30, 120] allows 3).
    await db.delivery.update({ where: { id: c!.id }, data: { attemptCount: 2, status: "retrying" } });

    const deadLettered: string[] = [];
    const writer = new AttemptRecorder(sqlOn(pool), (endpointId) => deadLettered.push(endpointId));
    const startedAt = new Date(Date.now() - 1000);
    const before = Date.now();
    const outcomes = await Promise.all([
      writer.record({ deliveryId: a!.id, endpointId: a!.endpointId, attemptNumber: 1, startedAt, result: ok, schedule: [30, 120] }),
      writer.record({ deliveryId: b!.id, endpointId: b!.endpointId, attemptNumber: 1, startedAt, result: failed, schedule: [30, 120] }),
      writer.record({ deliveryId: c!.id, endpointId: c!.endpointId, attemptNumber: 3, startedAt, result: timedOut, schedule: [30, 120] }),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(["delivered", "retry", "dead_lettered"]);
    expect(deadLettered).toEqual([c!.endpointId]);

    const rows = await db.delivery.findMany({ where: { eventId: created.body.event.event_id }, include: { attempts: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const da = byId.get(a!.id)!;
    expect(da).toMatchObject({ status: "delivered", attemptCount: 1, lockedUntil: null, nextAttemptAt: null, lastError: null });
    expect(da.deliveredAt).toBeInstanceOf(Date);
    expect(da.attempts).toHaveLength(1);
    expect(da.attempts[0]).toMatchObject({ trigger: "automatic", success: true, statusCode: 200, latencyMs: 8, responseExcerpt: "thanks", responseHeaders: { "x-request-id": "r1" }, endpointId: a!.endpointId });
    expect(da.attempts[0]!.startedAt.getTime()).toBe(startedAt.getTime());

    const dbb = byId.get(b!.id)!;
    expect(dbb).toMatchObject({ status: "retrying", attemptCount: 1, lockedUntil: null, lastError: "HTTP 503" });
    expect(dbb.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 29_000);
    expect(dbb.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now() + 31_000);
    expect(dbb.attempts[0]).toMatchObject({ success: false, statusCode: 503, errorClass: "http_error" });

    const dc = byId.get(c!.id)!;
    expect(dc).toMatchObject({ status: "dead_lettered", attemptCount: 3, nextAttemptAt: null, lockedUntil: null, lastError: "No response within 10 s" });
    expect(dc.deadLetteredAt).toBeInstanceOf(Date);
    expect(dc.attempts[0]).toMatchObject({ success: false, statusCode: null, errorClass: "timeout", errorMessage: "No response within 10 s" });
  });
});

describe("attempt recorder when a delivery disappears mid-flight", () => {
  it("records the rest of the batch and does not get stuck on the one whose endpoint was deleted", async () => {
    const doomed = (await createEndpoint({ partnerId, url: "http://127.0.0.1:9/doomed" })).endpoint;
    await db.$transaction((tx) => createOrder(tx, { partnerId }, { merchant_order_ref: `EB-${Date.now()}-gone`, customer_id: "c", customer_name: "Ira", customer_phone: "+919845001122" }));
    const claimed = await claimOurs();
    const gone = claimed.find((c) => c.endpointId === doomed.id)!;
    const kept = claimed.find((c) => c.endpointId !== doomed.id)!;
    await db.endpoint.delete({ where: { id: doomed.id } }); // cascades to its delivery

    const writer = new AttemptRecorder(sqlOn(pool), () => {});
    const startedAt = new Date();
    const outcomes = await Promise.all([
      writer.record({ deliveryId: gone.id, endpointId: gone.endpointId, attemptNumber: 1, startedAt, result: ok, schedule: [30, 120] }),
      writer.record({ deliveryId: kept.id, endpointId: kept.endpointId, attemptNumber: 1, startedAt, result: ok, schedule: [30, 120] }),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(["delivered", "delivered"]);
    expect(await db.delivery.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await db.delivery.findUniqueOrThrow({ where: { id: kept.id }, include: { attempts: true } })).toMatchObject({ status: "delivered", attempts: [{ success: true }] });
    // And the recorder still works afterwards.
    expect(writer.waiting).toBe(0);
    await db.delivery.updateMany({ where: { partnerId }, data: { nextAttemptAt: null, lockedUntil: null } });
  });
});
