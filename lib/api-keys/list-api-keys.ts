import "server-only";
import { db } from "@/lib/db/client";
import type { ApiKeyKind, ApiKeySummary } from "@/lib/api-keys/input";

/**
 * A partner's keys of one kind, newest first. Ingest keys not bound to any partner are listed
 * with every partner's (support staff manage them from whichever partner they are viewing).
 */
export async function listApiKeys(partnerId: string, kind: ApiKeyKind): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({
    where: { kind, ...(kind === "partner" ? { partnerId } : { OR: [{ partnerId }, { partnerId: null }] }) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, kind: true, name: true, prefix: true, partnerId: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    prefix: r.prefix,
    boundToPartner: r.partnerId !== null,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy?.email ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}
