import "server-only";
import { db } from "@/lib/db/client";
import { parseStoredPayload } from "@/lib/events/payload-v2";
import { buildSignedRequest, sendSigned } from "@/lib/delivery/send-signed";
import { loadDeliveryForAttempt } from "@/lib/delivery/load-delivery";
import { decideAfterFailure } from "@/lib/delivery/policy";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { evaluateEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { logger } from "@/lib/logger";

export type AttemptTrigger = "automatic" | "manual";

export type AttemptOutcome =
  | { kind: "delivered"; attemptNumber: number }
  | { kind: "retry"; attemptNumber: number; delaySeconds: number; at: string }
  | { kind: "dead_lettered"; attemptNumber: number; reason: string }
  | { kind: "failed_manual"; attemptNumber: number }
  | { kind: "skipped"; reason: string };

/**
 * One attempt of one delivery, and the state change it causes. Both delivery drivers (Inngest
 * functions and the embedded engine) call exactly this; the rules live here only.
 */
export async function performDeliveryAttempt(
  deliveryId: string,
  opts: { trigger: AttemptTrigger; triggeredById?: string | null; leased?: boolean } = { trigger: "automatic" },
): Promise<AttemptOutcome> {
  // The embedded engine leased the row when it claimed it; everyone else takes a lease here,
  // so a manual retry and an automatic attempt never send the same delivery at once.
  if (!opts.leased && !(await acquireLease(deliveryId))) return { kind: "skipped", reason: "another attempt is in progress" };
  const outcome = await attemptLeased(deliveryId, opts);
  // recordAttempt already cleared it; this covers the paths that made no attempt. A thrown
  // error keeps the lease on purpose: the row comes back when it expires, not in a hot loop.
  if (outcome.kind === "skipped") await db.delivery.updateMany({ where: { id: deliveryId }, data: { lockedUntil: null } });
  if (outcome.kind === "dead_lettered") await checkEndpointHealth(deliveryId);
  return outcome;
}

async function attemptLeased(deliveryId: string, opts: { trigger: AttemptTrigger; triggeredById?: string | null }): Promise<AttemptOutcome> {
  const delivery = await loadDeliveryForAttempt(deliveryId);
  if (!delivery) return { kind: "skipped", reason: "delivery no longer exists" };
  if (delivery.status === "delivered") return { kind: "skipped", reason: "already delivered" };
  if (opts.trigger === "automatic" && delivery.status === "dead_lettered") return { kind: "skipped", reason: "dead-lettered" };
  if (!delivery.endpoint.enabled && opts.trigger === "automatic") {
    return deadLetter(deliveryId, delivery.attemptCount, `Endpoint is disabled${delivery.endpoint.disabledReason ? `: ${delivery.endpoint.disabledReason}` : ""}`);
  }
  if (delivery.secrets.length === 0) return deadLetter(deliveryId, delivery.attemptCount, "Endpoint has no signing secret");

  const request = buildSignedRequest({
    url: delivery.endpoint.url,
    payload: parseStoredPayload(delivery.event.payload),
    format: delivery.endpoint.format,
    schemaVersion: delivery.endpoint.schemaVersion,
    secrets: delivery.secrets,
  });
  const startedAt = new Date();
  const result = await sendSigned(request, delivery.partner.timeoutMs);
  return recordAttempt({ deliveryId, endpointId: delivery.endpointId, startedAt, result, schedule: delivery.partner.retrySchedule, trigger: opts.trigger, triggeredById: opts.triggeredById });
}

async function recordAttempt(input: {
  deliveryId: string;
  endpointId: string;
  startedAt: Date;
  result: HttpAttemptResult;
  schedule: number[];
  trigger: AttemptTrigger;
  triggeredById?: string | null;
}): Promise<AttemptOutcome> {
  const { result } = input;
  return db.$transaction(async (tx) => {
    const updated = await tx.delivery.update({
      where: { id: input.deliveryId },
      data: {
        attemptCount: { increment: 1 },
        lastAttemptAt: input.startedAt,
        lockedUntil: null,
        lastError: result.success ? null : (result.errorMessage ?? `HTTP ${result.statusCode}`),
      },
      select: { attemptCount: true, status: true },
    });
    await tx.deliveryAttempt.create({
      data: {
        deliveryId: input.deliveryId,
        endpointId: input.endpointId, // every attempt names its endpoint: (endpointId, startedAt) is indexed
        trigger: input.trigger,
        triggeredById: input.triggeredById ?? null,
        startedAt: input.startedAt,
        success: result.success,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        errorClass: result.errorClass,
        errorMessage: result.errorMessage,
        responseExcerpt: result.responseExcerpt,
        responseHeaders: result.responseHeaders,
      },
    });
    const attemptNumber = updated.attemptCount;
    if (result.success) {
      await tx.delivery.update({ where: { id: input.deliveryId }, data: { status: "delivered", deliveredAt: new Date(), nextAttemptAt: null } });
      return { kind: "delivered", attemptNumber };
    }
    // A failed manual retry leaves the automatic schedule (or the dead-letter) as it was.
    if (input.trigger === "manual") return { kind: "failed_manual", attemptNumber };
    const decision = decideAfterFailure(input.schedule, attemptNumber);
    if (decision.kind === "retry") {
      await tx.delivery.update({ where: { id: input.deliveryId }, data: { status: "retrying", nextAttemptAt: decision.at } });
      return { kind: "retry", attemptNumber, delaySeconds: decision.delaySeconds, at: decision.at.toISOString() };
    }
    await tx.delivery.update({ where: { id: input.deliveryId }, data: { status: "dead_lettered", deadLetteredAt: new Date(), nextAttemptAt: null } });
    return { kind: "dead_lettered", attemptNumber, reason: result.errorMessage ?? `HTTP ${result.statusCode}` };
  });
}

/** Dead-letters without an HTTP attempt (endpoint disabled, no secret). Idempotent. */
export async function deadLetter(deliveryId: string, attemptCount: number, reason: string): Promise<AttemptOutcome> {
  await db.delivery.updateMany({
    where: { id: deliveryId, status: { in: ["pending", "retrying"] } },
    data: { status: "dead_lettered", deadLetteredAt: new Date(), nextAttemptAt: null, lockedUntil: null, lastError: reason },
  });
  return { kind: "dead_lettered", attemptNumber: attemptCount, reason };
}

const LEASE_MS = 60_000;

async function checkEndpointHealth(deliveryId: string) {
  const row = await db.delivery.findUnique({ where: { id: deliveryId }, select: { endpointId: true } });
  // Health automation must never turn a recorded dead-letter into a crashed attempt.
  if (row) await evaluateEndpointAfterDeadLetter(row.endpointId).catch((err) => logger.error({ err }, "endpoint health check failed"));
}

async function acquireLease(deliveryId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db.delivery.updateMany({
    where: { id: deliveryId, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return count === 1;
}
