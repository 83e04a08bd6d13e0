import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { messageOf, sendToDestination, targetOf } from "@/lib/delivery/destinations/registry";
import { hintForAttempt } from "@/lib/delivery/http-attempt";
import { activeSigningSecrets } from "@/lib/endpoints/secrets";
import { buildTestRequest, type TestEventSpec } from "@/lib/endpoints/test-request";
import type { Actor } from "@/lib/endpoints/actor";
import type { TestSendResult } from "@/lib/endpoints/view";
import { attemptColumns } from "@/lib/delivery/attempt-columns";

// A test send is a real, signed POST to the partner's server, so it is bounded: it is their
// URL, but a stuck button or a script should not turn Waypoint into a load generator.
export const TEST_SENDS_PER_MINUTE = 20;

/**
 * "Send Test Event": one signed synthetic event to one endpoint, answered with what came back
 * (status, latency, headers, excerpt) and a plain-language hint when it failed. Recorded as a
 * DeliveryAttempt with trigger "test" and no delivery, so the history keeps it while health
 * figures (which count delivery attempts only) do not. Works on a disabled endpoint too:
 * checking a fix before switching it back on is the point.
 */
export async function sendTestEvent(partnerId: string, endpointId: string, spec: TestEventSpec, actor: Actor): Promise<TestSendResult> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, partnerId }, include: { partner: { select: { timeoutMs: true } } } });
  if (!endpoint) throw notFound("Endpoint");
  const since = new Date(Date.now() - 60_000);
  const recent = await db.deliveryAttempt.count({ where: { endpointId, trigger: "test", startedAt: { gte: since } } });
  if (recent >= TEST_SENDS_PER_MINUTE) {
    throw new AppError("rate_limited", `At most ${TEST_SENDS_PER_MINUTE} test events a minute per endpoint. Wait a moment and send again.`);
  }
  const secrets = await activeSigningSecrets(endpointId);
  if (secrets.length === 0) throw new AppError("conflict", "This endpoint has no signing secret. Rotate the secret to create one.");

  const startedAt = new Date();
  const request = buildTestRequest(endpoint, secrets, spec, startedAt);
  const result = await sendToDestination(targetOf(endpoint), messageOf(request.signed, spec.eventType), endpoint.partner.timeoutMs);

  const attempt = await db.$transaction(async (tx) => {
    const row = await tx.deliveryAttempt.create({
      data: {
        deliveryId: null,
        endpointId,
        testPayload: request.payload,
        trigger: "test",
        triggeredById: actor.id,
        startedAt,
        ...attemptColumns(result),
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actor,
        partnerId,
        action: "endpoint.test_sent",
        targetType: "endpoint",
        targetId: endpointId,
        metadata: { eventType: spec.eventType, eventId: request.payload.event_id, statusCode: result.statusCode, success: result.success, latencyMs: result.latencyMs },
      },
      tx,
    );
    return row;
  });

  return {
    attemptId: attempt.id,
    sentAt: startedAt.toISOString(),
    ...attemptColumns(result),
    hint: hintForAttempt(result),
    request: request.preview,
  };
}
