import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as checkRoute } from "@/app/api/v1/endpoints/[endpointId]/check/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { EndpointCheckJson } from "@/lib/endpoints/check-api-shape";
import { latestEndpointCheck, runEndpointCheck } from "@/lib/endpoints/check-endpoint";
import { REPLAY_FIX, WRONG_SIGNATURE_FIX, WRONG_SIGNATURE_MESSAGE } from "@/lib/endpoints/check-rules";
import { getHealthReport } from "@/lib/health/get-health-report";
import { startReceiver, type Receiver, type ReceiverChecks } from "@/lib/receiver/server";
import { createEndpoint, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// The endpoint check against real Postgres and a real HTTP receiver playing three partners:
// a proper one (verifies signatures, answers 2xx to a repeat), one that accepts anything, and
// one that verifies but refuses a webhook-id it has already seen.

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

const actor = { id: null, email: "integration test" };

/** A partner with one endpoint on `path`, whose secret the receiver knows, behaving as `checks` says. */
async function partnerWithEndpoint(path: string, checks: ReceiverChecks) {
  const partner = await createPartner({ timeoutMs: 1500 });
  const { endpoint, secret } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}${path}`, eventTypes: ["delivered"] });
  receiver.addSecret(secret);
  receiver.setMode({ kind: "ok" }, path, checks);
  return { partnerId: partner.id, endpointId: endpoint.id };
}

const arrivedAt = (path: string) => receiver.received.filter((r) => r.path === path);
const passedAt = async (partnerId: string) => (await db.partner.findUniqueOrThrow({ where: { id: partnerId } })).endpointCheckPassedAt;

describe("endpoint check", () => {
  it("passes a proper receiver through the API, records it, and marks the partner's first pass once", async () => {
    const { partnerId, endpointId } = await partnerWithEndpoint("/proper", { verify: true });
    const { key } = await createApiKey({ kind: "partner", name: "automation", partnerId });
    const run = () => callRoute(checkRoute, { path: `/api/v1/endpoints/${endpointId}/check`, key, params: { endpointId } });

    const res = await run();
    expect(res.status).toBe(200);
    const check = EndpointCheckJson.parse(res.json);
    expect(check).toMatchObject({ endpoint_id: endpointId, passed: true });
    expect(check.steps.map((s) => [s.step, s.passed, s.status_code, s.hint])).toEqual([
      ["signed", true, 200, null],
      ["replay", true, 200, null],
      ["wrong_signature", true, 401, null],
    ]);

    // (a) and (b) are the same event: same webhook-id and body; (c) is a new id that does not verify.
    const [signed, replay, wrong] = arrivedAt("/proper");
    expect(arrivedAt("/proper")).toHaveLength(3);
    expect(replay!.webhookId).toBe(signed!.webhookId);
    expect(replay!.body).toBe(signed!.body);
    expect([signed!.signatureValid, replay!.signatureValid, wrong!.signatureValid]).toEqual([true, true, false]);
    expect(wrong!.webhookId).not.toBe(signed!.webhookId);
    expect(JSON.parse(signed!.body)).toMatchObject({ event: "delivered", test: true });

    const firstPass = await passedAt(partnerId);
    expect(firstPass).toEqual(new Date(check.checked_at));
    const attempts = await db.deliveryAttempt.findMany({ where: { endpointId }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((a) => [a.trigger, a.deliveryId, a.statusCode])).toEqual([["test", null, 200], ["test", null, 200], ["test", null, 401]]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { partnerId, action: "endpoint.checked" } });
    expect(audit).toMatchObject({ targetId: endpointId, actorEmail: expect.stringContaining("automation"), metadata: { checkId: check.id, passed: true } });

    // A second pass keeps the first date; the page shows the newest check.
    const again = EndpointCheckJson.parse((await run()).json);
    expect(await passedAt(partnerId)).toEqual(firstPass);
    expect((await latestEndpointCheck(partnerId, endpointId))?.id).toBe(again.id);
    expect(await db.endpointCheck.count({ where: { endpointId } })).toBe(2);
  });

  it("fails a receiver that accepts anything on the wrong signature, with the fix", async () => {
    const { partnerId, endpointId } = await partnerWithEndpoint("/accepts-anything", {});
    const check = await runEndpointCheck(partnerId, endpointId, actor);
    expect(check.passed).toBe(false);
    expect(check.steps.map((s) => s.passed)).toEqual([true, true, false]);
    expect(check.steps[2]).toMatchObject({ step: "wrong_signature", statusCode: 200, message: WRONG_SIGNATURE_MESSAGE, hint: WRONG_SIGNATURE_FIX });
    expect(check.steps[2]!.message).toContain("you are not verifying `webhook-signature`");
    expect(await passedAt(partnerId)).toBeNull();
    expect(await db.endpointCheck.findFirstOrThrow({ where: { endpointId } })).toMatchObject({ partnerId, passed: false });
  });

  it("fails a receiver that refuses a repeated webhook-id on the replay, with the fix", async () => {
    const { partnerId, endpointId } = await partnerWithEndpoint("/rejects-replays", { verify: true, rejectReplays: true });
    const check = await runEndpointCheck(partnerId, endpointId, actor);
    expect(check.passed).toBe(false);
    expect(check.steps.map((s) => [s.step, s.passed, s.statusCode])).toEqual([["signed", true, 200], ["replay", false, 409], ["wrong_signature", true, 401]]);
    expect(check.steps[1]).toMatchObject({ message: expect.stringContaining("rejected a repeat of an event it had already accepted (same webhook-id)"), hint: REPLAY_FIX });
    expect(await passedAt(partnerId)).toBeNull();
  });

  it("skips the replay and the wrong signature when nothing answers, and sends nothing it cannot judge", async () => {
    const { partnerId, endpointId } = await partnerWithEndpoint("/unused", {});
    await db.endpoint.update({ where: { id: endpointId }, data: { url: "http://127.0.0.1:9/closed" } });
    const check = await runEndpointCheck(partnerId, endpointId, actor);
    expect(check.steps.map((s) => s.passed)).toEqual([false, null, null]);
    expect(check.steps[0]!.hint).toContain("Check that your server is running");
    expect(check.steps[1]!.message).toContain("Not run");
    expect(await db.deliveryAttempt.count({ where: { endpointId, trigger: "test" } })).toBe(1);
  });

  it("leaves health figures unchanged, even when its requests fail", async () => {
    const { partnerId, endpointId } = await partnerWithEndpoint("/health", { verify: true, rejectReplays: true });
    // One real delivery, delivered, so the endpoint has figures a failing test send would move.
    const order = await db.order.create({ data: { partnerId, merchantOrderRef: "CHK-1", customerId: "c", customerName: "Asha", customerPhone: "+919800000000", status: "confirmed", trackingToken: `tok-chk-${Date.now()}` } });
    const event = await db.orderEvent.create({ data: { partnerId, orderId: order.id, type: "delivered", occurredAt: new Date(), sequence: 1, payload: {} } });
    const delivery = await db.delivery.create({ data: { eventId: event.id, endpointId, partnerId, status: "delivered" } });
    await db.deliveryAttempt.create({ data: { deliveryId: delivery.id, endpointId, trigger: "automatic", startedAt: new Date(Date.now() - 60_000), success: true, statusCode: 200, latencyMs: 25 } });

    const at = new Date(Date.now() + 60_000); // a window that includes the checks below
    const before = await getHealthReport(partnerId, "24h", at);
    await runEndpointCheck(partnerId, endpointId, actor);
    await runEndpointCheck(partnerId, endpointId, actor);
    expect(await db.deliveryAttempt.count({ where: { endpointId, trigger: "test", success: false } })).toBe(4); // two 409 replays, two 401 wrong signatures
    expect(await getHealthReport(partnerId, "24h", at)).toEqual(before);
    expect(before.endpoints[0]).toMatchObject({ attempts: 1, consecutive_failures: 0 });
  });

  it("counts its three requests toward the test-send limit", async () => {
    const { partnerId, endpointId } = await partnerWithEndpoint("/limited", { verify: true });
    await db.deliveryAttempt.createMany({ data: Array.from({ length: 18 }, () => ({ endpointId, trigger: "test" as const, success: true, statusCode: 200, latencyMs: 3 })) });
    await expect(runEndpointCheck(partnerId, endpointId, actor)).rejects.toMatchObject({ code: "rate_limited", message: expect.stringContaining("sends 3 test events") });
    expect(arrivedAt("/limited")).toHaveLength(0);
  });

  it("answers 404 for another partner's endpoint and sends nothing", async () => {
    const mine = await partnerWithEndpoint("/mine", { verify: true });
    const theirs = await partnerWithEndpoint("/theirs", { verify: true });
    await expect(runEndpointCheck(mine.partnerId, theirs.endpointId, actor)).rejects.toMatchObject({ code: "not_found" });
    expect(await latestEndpointCheck(mine.partnerId, theirs.endpointId)).toBeNull();
    expect(arrivedAt("/theirs")).toHaveLength(0);
  });
});
