import "server-only";
import { sql } from "@/lib/db/sql";
import { attemptDelivery, deferred, deliveryLeaseMs, type AttemptPath, type AttemptRun } from "@/lib/delivery/attempt";
import { leaseAttemptContext, leaseHolder, renewLeases } from "@/lib/delivery/attempt-context";
import { AttemptRecorder } from "@/lib/delivery/attempt-recorder";
import { checkEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { withDbSlot } from "@/lib/delivery/db-gate";
import type { AttemptOutcome } from "@/lib/delivery/outcome";
import { logger } from "@/lib/logger";

export type { AttemptOutcome, AttemptTrigger } from "@/lib/delivery/outcome";

// Batches of one on the shared pool; recordNow waits for the health check a dead-letter causes.
const globalForRecorder = globalThis as unknown as { waypointOneByOneRecorder?: AttemptRecorder };
const recorder = () => (globalForRecorder.waypointOneByOneRecorder ??= new AttemptRecorder());

// Many attempts in flight, few in the database at once (db-gate.ts); the write is keyed by
// endpoint so a slow endpoint's answers arriving together do not hold up the others.
const oneByOne: AttemptPath = {
  record: (attempt) => withDbSlot(() => recorder().recordNow(attempt), attempt.endpointId),
  db: (work) => withDbSlot(work),
  afterDeadLetter: (endpointId) => withDbSlot(() => checkEndpointAfterDeadLetter(endpointId)),
  paced: false,
};

export const ANOTHER_ATTEMPT = "another attempt is in progress";

/**
 * One attempt of one delivery, and the state change it causes: the Inngest functions and manual
 * retries. The lease (one statement with the read, renewed while the attempt runs) keeps a manual
 * retry and an automatic attempt (or the embedded engine) from sending the same delivery at once;
 * the rules are attempt.ts's, the same the embedded engine applies to its claimed batches.
 *
 * A delivery leased by someone else: a person's retry is skipped (they are told); an automatic
 * attempt is deferred until that lease ends, so an Inngest run resumes instead of ending.
 */
export async function performDeliveryAttempt(deliveryId: string, run: AttemptRun = { trigger: "automatic" }): Promise<AttemptOutcome> {
  const leaseMs = deliveryLeaseMs();
  const ctx = await withDbSlot(() => leaseAttemptContext(deliveryId, leaseMs));
  if (!ctx) {
    if (run.trigger === "manual") return { kind: "skipped", reason: ANOTHER_ATTEMPT };
    const holder = await withDbSlot(() => leaseHolder(deliveryId));
    if (!holder) return { kind: "skipped", reason: "delivery no longer exists" };
    return deferred(ANOTHER_ATTEMPT, holder.heldForMs);
  }
  let token = ctx.leaseToken;
  const renewal = setInterval(() => {
    renewLeases(sql(), [{ id: deliveryId, token }], leaseMs)
      .then(({ renewed }) => (token = renewed.get(deliveryId) ?? token))
      .catch((err) => logger.warn({ err, deliveryId }, "could not renew a delivery lease"));
  }, Math.max(100, Math.floor(leaseMs / 3)));
  try {
    return await attemptDelivery(ctx, run, oneByOne);
  } finally {
    clearInterval(renewal);
  }
}
