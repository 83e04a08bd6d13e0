import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { ApiKeyKind, IssuedApiKey } from "@/lib/api-keys/input";

/**
 * Creates a key for a person in the dashboard and records who did it, in one transaction.
 * The plain key is in the answer only: callers show it once and must never log it.
 */
export async function issueApiKey(input: {
  actor: AuditEntry["actor"];
  kind: ApiKeyKind;
  name: string;
  /** The partner the key acts for; null only for an ingest key usable for any partner. */
  partnerId: string | null;
}): Promise<IssuedApiKey> {
  if (input.kind === "partner" && !input.partnerId) throw new Error("A partner API key needs a partner");
  return db.$transaction(async (tx) => {
    const created = await createApiKey({ kind: input.kind, name: input.name, partnerId: input.partnerId, createdById: input.actor.id }, tx);
    await recordAudit(
      {
        actor: input.actor,
        partnerId: input.partnerId,
        action: "api_key.created",
        targetType: input.kind === "partner" ? "partner_api_key" : "ingest_api_key",
        targetId: created.id,
        metadata: { name: input.name, prefix: created.prefix },
      },
      tx,
    );
    return { id: created.id, name: input.name, prefix: created.prefix, key: created.key };
  });
}
