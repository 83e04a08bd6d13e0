import "server-only";
import { attemptDelivery, deliveryLeaseMs, type AttemptPath } from "@/lib/delivery/attempt";
import { leaseAttemptContext } from "@/lib/delivery/attempt-context";
import { AttemptRecorder } from "@/lib/delivery/attempt-recorder";
import { checkEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { withDbSlot } from "@/lib/delivery/db-gate";
import type { AttemptOutcome, AttemptTrigger } from "@/lib/delivery/outcome";

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
};

/**
 * One attempt of one delivery, and the state change it causes: the Inngest functions and manual
 * retries. The lease (one statement with the read) keeps a manual retry and an automatic attempt
 * (or the embedded engine) from sending the same delivery at once; the rules are attempt.ts's,
 * the same the embedded engine applies to its claimed batches.
 */
export async function performDeliveryAttempt(
  deliveryId: string,
  opts: { trigger: AttemptTrigger; triggeredById?: string | null } = { trigger: "automatic" },
): Promise<AttemptOutcome> {
  const ctx = await withDbSlot(() => leaseAttemptContext(deliveryId, deliveryLeaseMs()));
  if (!ctx) return { kind: "skipped", reason: "another attempt is in progress" };
  return attemptDelivery(ctx, opts, oneByOne);
}
