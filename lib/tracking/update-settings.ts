import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";

export type Layer1Settings = { trackingEnabled?: boolean; smsEnabled?: boolean };

/**
 * The two switches of Layer 1. Tracking off answers every tracking link of the partner with
 * "not available" at once; SMS off stops new messages and the ones still queued.
 */
export async function updateLayer1Settings(actor: AuditEntry["actor"], partnerId: string, changes: Layer1Settings) {
  return db.$transaction(async (tx) => {
    const partner = await tx.partner.update({
      where: { id: partnerId },
      data: changes,
      select: { trackingEnabled: true, smsEnabled: true },
    });
    await recordAudit({ actor, partnerId, action: "tracking_settings.updated", targetType: "partner", targetId: partnerId, metadata: { ...changes } }, tx);
    return partner;
  });
}
