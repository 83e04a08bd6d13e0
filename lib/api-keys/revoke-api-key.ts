import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import type { ApiKeyKind } from "@/lib/api-keys/input";

/**
 * Revokes a key at once: the next request with it gets 401. Scoped like listApiKeys, so
 * another partner's key id answers 404. Revoking twice is a no-op (no second audit entry).
 */
export async function revokeApiKey(input: { actor: AuditEntry["actor"]; partnerId: string; kind: ApiKeyKind; id: string }) {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: {
        id: input.id,
        kind: input.kind,
        ...(input.kind === "partner" ? { partnerId: input.partnerId } : { OR: [{ partnerId: input.partnerId }, { partnerId: null }] }),
      },
      select: { id: true, name: true, prefix: true, partnerId: true, revokedAt: true },
    });
    if (!key) throw notFound("API key");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt.toISOString() };
    const revokedAt = new Date();
    // The revokedAt: null guard makes a concurrent double-revoke write (and audit) once.
    const { count } = await tx.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { revokedAt } });
    if (count === 1) {
      await recordAudit(
        {
          actor: input.actor,
          partnerId: key.partnerId,
          action: "api_key.revoked",
          targetType: input.kind === "partner" ? "partner_api_key" : "ingest_api_key",
          targetId: key.id,
          metadata: { name: key.name, prefix: key.prefix },
        },
        tx,
      );
    }
    return { id: key.id, revokedAt: revokedAt.toISOString() };
  });
}
