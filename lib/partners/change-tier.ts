import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { settingsForTierChange, type PartnerTier } from "@/lib/partners/tiers";

/**
 * Support moves a partner to another tier: its navigation follows at once, and the tier's defaults
 * (lib/partners/tiers.ts) replace the settings still at the old tier's default. Audited with both.
 */
export async function changePartnerTier(partnerId: string, tier: PartnerTier, actor: AuditEntry["actor"]) {
  return db.$transaction(async (tx) => {
    const partner = await tx.partner.findUnique({ where: { id: partnerId }, select: { id: true, tier: true, retrySchedule: true, timeoutMs: true } });
    if (!partner) throw notFound("Partner");
    if (partner.tier === tier) return { id: partnerId, tier, applied: {} };
    const applied = settingsForTierChange(partner, tier);
    await tx.partner.update({ where: { id: partnerId }, data: { tier, ...applied } });
    await recordAudit({ actor, partnerId, action: "partner.tier_changed", targetType: "partner", targetId: partnerId, metadata: { from: partner.tier, to: tier, applied } }, tx);
    return { id: partnerId, tier, applied };
  });
}

/** "Connect your own system": an SMB partner switches its developer screens on (once; audited). */
export async function enableDeveloperScreens(partnerId: string, actor: AuditEntry["actor"]) {
  const { count } = await db.partner.updateMany({ where: { id: partnerId, developerToolsEnabledAt: null }, data: { developerToolsEnabledAt: new Date() } });
  if (count === 1) await recordAudit({ actor, partnerId, action: "partner.developer_screens_enabled", targetType: "partner", targetId: partnerId });
  return { enabled: true };
}
