// lib/audit owns the audit log: one recordAudit for every change a person or key makes, and its reads.
import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import type { SessionUser } from "@/lib/auth/types";

export type AuditEntry = {
  actor: Pick<SessionUser, "id" | "email"> | { id: null; email: string };
  partnerId: string | null;
  action: string; // verb.noun in the product's words, e.g. "endpoint.created", "delivery.retried"
  targetType: string;
  targetId?: string | null;
  metadata?: Record<string, unknown>;
};

/** Who did what, when, to which partner's data. Shown to that partner in Settings. */
export async function recordAudit(entry: AuditEntry, tx: Pick<Tx, "auditLog"> = db) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      partnerId: entry.partnerId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      metadata: (entry.metadata ?? {}) as object,
    },
  });
}
