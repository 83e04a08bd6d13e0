import "server-only";
import type pg from "pg";
import { signedRequestFor, whyNoAttempt } from "@/lib/delivery/attempt-context";
import type { ClaimedDelivery } from "@/lib/delivery/engine/claim";
import type { AttemptWriter } from "@/lib/delivery/engine/attempt-writer";
import { deadLetter } from "@/lib/delivery/perform-attempt";
import type { AttemptOutcome } from "@/lib/delivery/outcome";
import { sendSigned } from "@/lib/delivery/send-signed";

/**
 * One automatic attempt of a delivery the embedded engine claimed: the same checks, signing and
 * HTTP attempt as performDeliveryAttempt (the Inngest and manual path), with the read done by
 * the claim and the write batched by the AttemptWriter.
 */
export async function attemptClaimed(row: ClaimedDelivery, deps: { pool: pg.Pool; writer: AttemptWriter; onDeadLetter: (endpointId: string) => void }): Promise<AttemptOutcome> {
  if (row.status === "delivered" || row.status === "dead_lettered") {
    await deps.pool.query(`UPDATE "Delivery" SET "lockedUntil" = NULL WHERE id = $1`, [row.id]);
    return { kind: "skipped", reason: row.status === "delivered" ? "already delivered" : "dead-lettered" };
  }
  const noAttempt = whyNoAttempt(row, "automatic");
  if (noAttempt) {
    const outcome = await deadLetter(row.id, row.attemptCount, noAttempt);
    deps.onDeadLetter(row.endpointId);
    return outcome;
  }
  const request = signedRequestFor(row);
  const startedAt = new Date();
  const result = await sendSigned(request, row.timeoutMs);
  return deps.writer.record({ deliveryId: row.id, endpointId: row.endpointId, attemptNumber: row.attemptCount + 1, startedAt, result, schedule: row.retrySchedule });
}
