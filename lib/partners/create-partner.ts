import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { TIER_PROFILES } from "@/lib/partners/tiers";
import { createInvite } from "@/lib/team/invites";

export const createPartnerSchema = z.object({
  name: z.string().trim().min(2, "Enter the partner's name (at least 2 characters)").max(100, "Use at most 100 characters"),
  tier: z.enum(["smb", "growth", "enterprise"], "Choose a tier: SMB, growth or enterprise"),
  trackingEnabled: z.boolean().default(false),
  smsEnabled: z.boolean().default(false),
  // The partner's first admin; optional so support can set up a partner before knowing who.
  adminEmail: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.union([z.literal(""), z.email("Enter a valid email address for the first admin, or leave it empty")]))
    .optional()
    .transform((v) => v || null),
});
export type CreatePartnerInput = z.input<typeof createPartnerSchema>;

const slugOf = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "partner"}-${randomBytes(3).toString("hex")}`;

/** Support staff set up a partner; the first admin's invitation goes out at once when given. */
export async function createPartner(input: CreatePartnerInput, actor: AuditEntry["actor"] & { name?: string }) {
  const data = createPartnerSchema.parse(input);
  const partner = await db.$transaction(async (tx) => {
    const row = await tx.partner.create({
      data: {
        name: data.name,
        slug: slugOf(data.name),
        tier: data.tier,
        // The tier's defaults (lib/partners/tiers.ts): one table for every tier-dependent setting.
        retrySchedule: [...TIER_PROFILES[data.tier].retrySchedule],
        timeoutMs: TIER_PROFILES[data.tier].timeoutMs,
        trackingEnabled: data.trackingEnabled,
        smsEnabled: data.smsEnabled,
        createdById: actor.id,
      },
    });
    await recordAudit({ actor, partnerId: row.id, action: "partner.created", targetType: "partner", targetId: row.id, metadata: { name: row.name, tier: row.tier } }, tx);
    return row;
  });
  const invite = data.adminEmail ? await createInvite(partner.id, { email: data.adminEmail, role: "partner_admin" }, actor) : null;
  return { id: partner.id, name: partner.name, invitedEmail: invite?.email ?? null };
}
