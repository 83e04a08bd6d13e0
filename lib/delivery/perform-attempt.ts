import "server-only";
import { db } from "@/lib/db/client";
import { sendSigned } from "@/lib/delivery/send-signed";
import { loadAttemptContext, signedRequestFor, whyNoAttempt } from "@/lib/delivery/attempt-context";
import { failureText, outcomeOf, stateAfter, type AttemptOutcome, type AttemptTrigger } from "@/lib/delivery/outcome";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { evaluateEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { logger } from "@/lib/logger";
import { withDbSlot } from "@/lib/delivery/db-gate";
import { attemptColumns } from "@/lib/delivery/attempt-columns";

export type { AttemptOutcome, AttemptTrigger } from "@/lib/delivery/outcome";

/**
 * One attempt of one delivery, and the state change it causes: the Inngest functions and manual
 * retries. The embedded engine does the same per claimed batch (engine/attempt-claimed.ts);
 * both use attempt-context.ts and outcome.ts, where the rules live.
 */
export async function performDeliveryAttempt(
  deliveryId: string,
  opts: { trigger: AttemptTrigger; triggeredById?: string | null } = { trigger: "automatic" },
): Promise<AttemptOutcome> {
  // A lease, so a manual retry and an automatic attempt (or the engine) never send the same
  // delivery at once.
  if (!(await withDbSlot(() => acquireLease(deliveryId)))) return { kind: "skipped", reason: "another attempt is in progress" };
  const outcome = await attemptLeased(deliveryId, opts);
  // recordAttempt already cleared it; this covers the paths that made no attempt. A thrown
  // error keeps the lease on purpose: the row comes back when it expires, not in a hot loop.
  if (outcome.kind === "skipped") await withDbSlot(() => db.delivery.updateMany({ where: { id: deliveryId }, data: { lockedUntil: null } }));
  if (outcome.kind === "dead_lettered") await withDbSlot(() => checkEndpointHealth(deliveryId));
  return outcome;
}

async function attemptLeased(deliveryId: string, opts: { trigger: AttemptTrigger; triggeredById?: string | null }): Promise<AttemptOutcome> {
  const delivery = await withDbSlot(() => loadAttemptContext(deliveryId));
  if (!delivery) return { kind: "skipped", reason: "delivery no longer exists" };
  if (delivery.status === "delivered") return { kind: "skipped", reason: "already delivered" };
  if (opts.trigger === "automatic" && delivery.status === "dead_lettered") return { kind: "skipped", reason: "dead-lettered" };
  const noAttempt = whyNoAttempt(delivery, opts.trigger);
  if (noAttempt) return withDbSlot(() => deadLetter(deliveryId, delivery.attemptCount, noAttempt));

  const request = signedRequestFor(delivery);
  const startedAt = new Date();
  const result = await sendSigned(request, delivery.timeoutMs);
  const attempt = { deliveryId, endpointId: delivery.endpointId, attemptNumber: delivery.attemptCount + 1, startedAt, result };
  return withDbSlot(
    () => recordAttempt({ ...attempt, schedule: delivery.retrySchedule, trigger: opts.trigger, triggeredById: opts.triggeredById }),
    delivery.endpointId,
  );
}

/**
 * Writes the attempt and the delivery's next state in one batched transaction. We hold the
 * lease, so the attempt number read before sending is still the right one.
 */
async function recordAttempt(input: {
  deliveryId: string;
  endpointId: string;
  attemptNumber: number;
  startedAt: Date;
  result: HttpAttemptResult;
  schedule: number[];
  trigger: AttemptTrigger;
  triggeredById?: string | null;
}): Promise<AttemptOutcome> {
  const { result, attemptNumber } = input;
  const outcome = outcomeOf(input);
  const state = stateAfter(outcome, new Date());
  await db.$transaction([
    db.deliveryAttempt.create({
      data: {
        deliveryId: input.deliveryId,
        endpointId: input.endpointId, // every attempt names its endpoint: (endpointId, startedAt) is indexed
        trigger: input.trigger,
        triggeredById: input.triggeredById ?? null,
        startedAt: input.startedAt,
        ...attemptColumns(result),
      },
    }),
    db.delivery.update({
      where: { id: input.deliveryId },
      data: {
        attemptCount: attemptNumber,
        lastAttemptAt: input.startedAt,
        lockedUntil: null,
        lastError: result.success ? null : failureText(result),
        ...state,
      },
    }),
  ]);
  return outcome;
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
