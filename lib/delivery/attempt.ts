// lib/delivery owns getting an event to an endpoint: the attempt core, policy, signing, destinations, recorder, engine.
import "server-only";
import { db } from "@/lib/db/client";
import { releaseLease, signedRequestFor, type AttemptContext } from "@/lib/delivery/attempt-context";
import type { FinishedAttempt } from "@/lib/delivery/attempt-recorder";
import type { AttemptOutcome, AttemptTrigger } from "@/lib/delivery/outcome";
import { messageOf, sendToDestination, targetOf } from "@/lib/delivery/destinations/registry";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { reserveSendSlot } from "@/lib/delivery/send-slots";
import { env } from "@/lib/env";
import { MAX_TIMEOUT_S } from "@/lib/partners/retry-policy";

// The attempt core: one delivery attempt and its rules, for every driver. The embedded engine
// hands it rows it claimed in a batch and records through its queued AttemptRecorder; the Inngest
// functions and manual retries lease one row (perform-attempt.ts) and record a batch of one.

export type AttemptRun = {
  trigger: AttemptTrigger;
  triggeredById?: string | null;
  /** How long this attempt may wait for a rate-limit slot before it is deferred instead (PACE_WAIT_MS). */
  paceWaitMs?: number;
};

/** The longest an attempt waits in place for its endpoint's rate-limit slot; beyond it, it is deferred. */
export const PACE_WAIT_MS = 2000;
/** An automatic attempt this close to its due time is made (a sleep that ends a little early is no reason to sleep again). */
export const DUE_TOLERANCE_MS = 1000;
/** The longest one attempt step can take: the longest partner timeout, the rate-limit wait, database work. */
export const INNGEST_STEP_BUDGET_S = MAX_TIMEOUT_S + PACE_WAIT_MS / 1000 + 8;

/** How a driver reaches the database around the attempt; the attempt itself is the same. */
export type AttemptPath = {
  /** Records the finished attempt and returns its outcome (AttemptRecorder.record or .recordNow). */
  record: (attempt: FinishedAttempt) => Promise<AttemptOutcome>;
  /** Runs the path's other database work: directly, or through the one-by-one DB gate. */
  db: <T>(work: () => Promise<T>) => Promise<T>;
  /** After a dead-letter made here (no attempt possible): the endpoint health check. */
  afterDeadLetter: (endpointId: string) => Promise<void> | void;
  /**
   * Whether the endpoint's rate limit lets this attempt send now. The embedded engine reserved its
   * slots when it claimed the batch (and waited for them); one-by-one attempts reserve here.
   */
  paced: boolean;
};

/** How long a worker's lease on a delivery lasts (DELIVERY_LEASE_MS): one value for every driver. */
export const deliveryLeaseMs = () => env.DELIVERY_LEASE_MS;

/**
 * The skip rule: why this delivery needs no attempt now, or null. Delivered is done for everyone;
 * a dead-letter ends the automatic schedule, but a person may still retry it.
 */
export function skipReason(ctx: Pick<AttemptContext, "status">, trigger: AttemptTrigger): string | null {
  if (ctx.status === "delivered") return "already delivered";
  if (trigger === "automatic" && ctx.status === "dead_lettered") return "dead-lettered";
  return null;
}

/** Why no HTTP attempt may be made (the delivery is then dead-lettered), or null. A person's
 *  manual retry still goes to a disabled endpoint; a missing secret stops both. */
export function whyNoAttempt(ctx: Pick<AttemptContext, "enabled" | "disabledReason" | "sealedSecrets">, trigger: AttemptTrigger): string | null {
  if (!ctx.enabled && trigger === "automatic") return `Endpoint is disabled${ctx.disabledReason ? `: ${ctx.disabledReason}` : ""}`;
  if (ctx.sealedSecrets.length === 0) return "Endpoint has no signing secret";
  return null;
}

/**
 * One attempt of a leased delivery: skip, dead-letter without sending, or sign, send and record.
 * The caller holds the lease; every outcome but a thrown error gives it back (a thrown error keeps
 * it on purpose: the row comes back when it expires, not in a hot loop).
 */
export async function attemptDelivery(ctx: AttemptContext, run: AttemptRun, path: AttemptPath): Promise<AttemptOutcome> {
  const skip = skipReason(ctx, run.trigger);
  if (skip) {
    await path.db(() => releaseLease(ctx.id));
    return { kind: "skipped", reason: skip };
  }
  // Never before it is due: a repeated step (a retried or resumed Inngest run) finds the attempt
  // it already made recorded, and waits out the backoff instead of sending again at once.
  if (run.trigger === "automatic" && ctx.dueInMs !== null && ctx.dueInMs > DUE_TOLERANCE_MS) {
    await path.db(() => releaseLease(ctx.id));
    return deferred("not due yet", ctx.dueInMs);
  }
  const noAttempt = whyNoAttempt(ctx, run.trigger);
  if (noAttempt) {
    const outcome = await path.db(() => deadLetter(ctx.id, ctx.attemptCount, noAttempt));
    await path.afterDeadLetter(ctx.endpointId);
    return outcome;
  }
  if (!path.paced && ctx.rateLimitPerSecond) {
    const slot = await path.db(() => reserveSendSlot(ctx.endpointId, ctx.rateLimitPerSecond!, run.paceWaitMs ?? PACE_WAIT_MS));
    if ("retryInMs" in slot) {
      await path.db(() => releaseLease(ctx.id));
      return deferred("the endpoint's rate limit", slot.retryInMs);
    }
    if (slot.waitMs > 0) await new Promise((r) => setTimeout(r, slot.waitMs));
  }
  const request = signedRequestFor(ctx);
  const startedAt = new Date();
  // The same signed bytes to whichever destination the endpoint has: HTTP, RabbitMQ, NATS (destinations/).
  const result = await sendToDestination(targetOf(ctx), messageOf(request, (ctx.payload as PayloadV2).event), ctx.timeoutMs);
  return path.record({
    deliveryId: ctx.id,
    endpointId: ctx.endpointId,
    attemptNumber: ctx.attemptCount + 1,
    startedAt,
    result,
    schedule: ctx.retrySchedule,
    trigger: run.trigger,
    triggeredById: run.triggeredById ?? null,
  });
}

/** Dead-letters a delivery without an HTTP attempt (endpoint disabled, no secret). Idempotent. */
export async function deadLetter(deliveryId: string, attemptCount: number, reason: string): Promise<AttemptOutcome> {
  await db.delivery.updateMany({
    where: { id: deliveryId, status: { in: ["pending", "retrying"] } },
    data: { status: "dead_lettered", deadLetteredAt: new Date(), nextAttemptAt: null, lockedUntil: null, lastError: reason },
  });
  return { kind: "dead_lettered", attemptNumber: attemptCount, reason };
}

/** No attempt now; whoever runs it tries again after `delayMs` (whole seconds, at least one). */
export function deferred(reason: string, delayMs: number): AttemptOutcome {
  const delaySeconds = Math.max(1, Math.ceil(delayMs / 1000));
  return { kind: "deferred", reason, delaySeconds, at: new Date(Date.now() + delaySeconds * 1000).toISOString() };
}
