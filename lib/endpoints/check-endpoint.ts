import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { attemptColumns } from "@/lib/delivery/attempt-columns";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { isBroker } from "@/lib/delivery/destinations/config";
import { messageOf, sendToDestination, targetOf } from "@/lib/delivery/destinations/registry";
import { judgeBrokerCheck } from "@/lib/endpoints/broker-check-rules";
import { generateEndpointSecret } from "@/lib/delivery/signing";
import type { Endpoint } from "@/lib/db/generated/client";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { activeSigningSecrets } from "@/lib/endpoints/secrets";
import { TEST_SENDS_PER_MINUTE } from "@/lib/endpoints/send-test-event";
import { buildTestRequest, type TestEventSpec } from "@/lib/endpoints/test-request";
import type { Actor } from "@/lib/endpoints/actor";
import { judgeCheck, shouldSendReplay, shouldSendWrongSignature, type CheckStepResult, type EndpointCheckView } from "@/lib/endpoints/check-rules";

// At most this many requests per check; they count toward the endpoint's test-send limit.
export const CHECK_SENDS = 3;

type CheckedEndpoint = Endpoint & { partner: { timeoutMs: number } };
type Sent = { payload: PayloadV2; startedAt: Date; result: HttpAttemptResult };

/**
 * The endpoint check: one signed test event (must be accepted), the same event again with the
 * same webhook-id (must be accepted: Waypoint retries), and an event with a wrong signature
 * (must be refused: the receiver verifies). Every request is kept as a test send (trigger
 * "test", no delivery), so the history shows them and health figures leave them out. The first
 * pass of any endpoint marks the partner's onboarding step.
 */
export async function runEndpointCheck(partnerId: string, endpointId: string, actor: Actor): Promise<EndpointCheckView> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, partnerId }, include: { partner: { select: { timeoutMs: true } } } });
  if (!endpoint) throw notFound("Endpoint");
  await requireTestSendRoom(endpointId);
  const secrets = await activeSigningSecrets(endpointId);
  if (secrets.length === 0) throw new AppError("conflict", "This endpoint has no signing secret. Rotate the secret to create one.");

  const sent = await sendCheckRequests(endpoint, secrets);
  const type = endpoint.destinationType;
  const { passed, steps } = isBroker(type)
    ? judgeBrokerCheck(type, { signed: sent.signed.result, replay: sent.replay?.result ?? null })
    : judgeCheck({ signed: sent.signed.result, replay: sent.replay?.result ?? null, wrongSignature: sent.wrongSignature?.result ?? null });
  const requests = [sent.signed, sent.replay, sent.wrongSignature].filter((s): s is Sent => s !== null);
  return db.$transaction(async (tx) => {
    await recordTestSends(tx, endpointId, requests, actor);
    const check = await tx.endpointCheck.create({ data: { endpointId, partnerId, passed, results: steps } });
    // updateMany on null: the date stays the first pass, which the onboarding funnel reads.
    if (passed) await tx.partner.updateMany({ where: { id: partnerId, endpointCheckPassedAt: null }, data: { endpointCheckPassedAt: check.createdAt } });
    await recordAudit(
      { actor, partnerId, action: "endpoint.checked", targetType: "endpoint", targetId: endpointId, metadata: { checkId: check.id, passed, steps: steps.map((s) => ({ step: s.step, passed: s.passed, statusCode: s.statusCode })) } },
      tx,
    );
    return toCheckView(check);
  });
}

/** The newest check of this endpoint, or null when none has run (or it is not this partner's). */
export async function latestEndpointCheck(partnerId: string, endpointId: string): Promise<EndpointCheckView | null> {
  const check = await db.endpointCheck.findFirst({ where: { endpointId, partnerId }, orderBy: { createdAt: "desc" } });
  return check ? toCheckView(check) : null;
}

async function requireTestSendRoom(endpointId: string) {
  const since = new Date(Date.now() - 60_000);
  const recent = await db.deliveryAttempt.count({ where: { endpointId, trigger: "test", startedAt: { gte: since } } });
  if (recent + CHECK_SENDS > TEST_SENDS_PER_MINUTE) {
    throw new AppError("rate_limited", `An endpoint check sends ${CHECK_SENDS} test events, and at most ${TEST_SENDS_PER_MINUTE} go to an endpoint per minute. Wait a moment and run it again.`);
  }
}

async function sendCheckRequests(endpoint: CheckedEndpoint, secrets: string[]) {
  // An event the endpoint subscribes to, so a receiver that refuses other types still passes.
  const spec: TestEventSpec = { eventType: endpoint.eventTypes[0] ?? "order_confirmed", occurredAt: new Date() };
  const signed = await sendOne(endpoint, secrets, spec);
  // Same event id and time: the same body and webhook-id; only the signature's timestamp is fresh.
  const replay = shouldSendReplay(signed.result) ? await sendOne(endpoint, secrets, { ...spec, eventId: signed.payload.event_id }) : null;
  // A fresh webhook-id, so a receiver that answers 2xx to ids it has seen cannot pass by accident.
  // Not into a broker: it cannot refuse, and the partner's consumer would get a forged-looking event (broker-check-rules.ts).
  const wrongSignature = !isBroker(endpoint.destinationType) && shouldSendWrongSignature(signed.result) ? await sendOne(endpoint, [generateEndpointSecret()], spec) : null;
  return { signed, replay, wrongSignature };
}

async function sendOne(endpoint: CheckedEndpoint, secrets: string[], spec: TestEventSpec): Promise<Sent> {
  const startedAt = new Date();
  const request = buildTestRequest(endpoint, secrets, spec, startedAt);
  const result = await sendToDestination(targetOf(endpoint), messageOf(request.signed, spec.eventType), endpoint.partner.timeoutMs);
  return { payload: request.payload, startedAt, result };
}

async function recordTestSends(tx: Tx, endpointId: string, sent: Sent[], actor: Actor) {
  await tx.deliveryAttempt.createMany({
    data: sent.map((s) => ({ deliveryId: null, endpointId, testPayload: s.payload, trigger: "test" as const, triggeredById: actor.id, startedAt: s.startedAt, ...attemptColumns(s.result) })),
  });
}

function toCheckView(row: { id: string; endpointId: string; passed: boolean; createdAt: Date; results: unknown }): EndpointCheckView {
  return { id: row.id, endpointId: row.endpointId, passed: row.passed, checkedAt: row.createdAt.toISOString(), steps: row.results as CheckStepResult[] };
}
