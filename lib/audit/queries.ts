import "server-only";
import { db } from "@/lib/db/client";

export const AUDIT_LOG_LIMIT = 100;

export type AuditLogRow = {
  id: string;
  at: string;
  actorEmail: string;
  actorName: string | null;
  /** Done by logistics-company support staff on the partner's behalf. */
  bySupport: boolean;
  action: string;
  targetType: string;
  targetId: string | null;
  /** A short name for the target when the entry recorded one (e.g. an API key's name). */
  targetName: string | null;
};

/** The newest entries of one partner's audit log, including what support staff did for them. */
export async function listAuditLog(partnerId: string, limit = AUDIT_LOG_LIMIT): Promise<AuditLogRow[]> {
  const rows = await db.auditLog.findMany({
    where: { partnerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, createdAt: true, actorEmail: true, action: true, targetType: true, targetId: true, metadata: true, actor: { select: { name: true, role: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    actorEmail: r.actorEmail,
    actorName: r.actor?.name ?? null,
    bySupport: r.actor?.role === "support",
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    targetName: targetName(r.metadata),
  }));
}

// Only short, known-safe fields are passed to the page: metadata may hold anything a writer chose.
function targetName(metadata: unknown): string | null {
  if (!metadata || typeof metadata !== "object") return null;
  const m = metadata as Record<string, unknown>;
  for (const key of ["name", "url", "merchant_order_ref"]) {
    if (typeof m[key] === "string" && m[key]) return (m[key] as string).slice(0, 120);
  }
  return null;
}
