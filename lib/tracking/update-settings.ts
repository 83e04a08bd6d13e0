import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isTimeZone } from "@/lib/time/format";

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

/**
 * The zone the customer's SMS and tracking page write times in (lib/time/format.ts). New texts
 * use it at once; SMS already written keep their words. The dashboard is unaffected: it shows
 * each viewer's own zone.
 */
export async function updateCustomerTimeZone(actor: AuditEntry["actor"], partnerId: string, timeZone: string) {
  if (!isTimeZone(timeZone)) throw new AppError("validation_failed", `"${timeZone}" is not a time zone. Choose one from the list, e.g. Asia/Kolkata.`);
  return db.$transaction(async (tx) => {
    const partner = await tx.partner.update({ where: { id: partnerId }, data: { timeZone }, select: { timeZone: true } });
    await recordAudit({ actor, partnerId, action: "tracking_settings.updated", targetType: "partner", targetId: partnerId, metadata: { timeZone } }, tx);
    return partner;
  });
}
