import "server-only";
import type pg from "pg";
import { openSecret } from "@/lib/crypto/keyring";
import type { ClaimedDelivery } from "@/lib/delivery/engine/claim";
import type { AttemptWriter } from "@/lib/delivery/engine/attempt-writer";
import { deadLetter } from "@/lib/delivery/perform-attempt";
import type { AttemptOutcome } from "@/lib/delivery/outcome";
import { buildSignedRequest, sendSigned, type SignedRequest } from "@/lib/delivery/send-signed";
import type { PayloadV2 } from "@/lib/events/payload-v2";

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
  const noAttempt = !row.enabled
    ? `Endpoint is disabled${row.disabledReason ? `: ${row.disabledReason}` : ""}`
    : row.sealedSecrets.length === 0
      ? "Endpoint has no signing secret"
      : null;
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

function signedRequestFor(row: ClaimedDelivery): SignedRequest {
  return buildSignedRequest({
    url: row.url,
    payload: row.payload as PayloadV2, // renderBody validates it against the contract
    format: row.format,
    schemaVersion: row.schemaVersion,
    secrets: row.sealedSecrets.map(openCached),
  });
}

// Opening a sealed secret is an AES-GCM decrypt per attempt; endpoints have one or two live
// secrets, so a small map keeps the plaintext in this process only (as signing needs anyway).
const opened = new Map<string, string>();
function openCached(sealed: string): string {
  let plain = opened.get(sealed);
  if (plain === undefined) {
    if (opened.size >= 10_000) opened.clear();
    plain = openSecret(sealed);
    opened.set(sealed, plain);
  }
  return plain;
}
