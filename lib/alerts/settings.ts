import "server-only";
import { z } from "zod";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { AlertOverridesSchema, effectiveRules, type AlertOverrides, type EffectiveRules } from "@/lib/alerts/rules";

export const AlertSettingsInputSchema = z.strictObject({
  overrides: AlertOverridesSchema,
  // The endpoint that receives operational webhooks; null: none.
  opsEndpointId: z.string().min(1).nullable(),
});
export type AlertSettingsInput = z.input<typeof AlertSettingsInputSchema>;

export type AlertSettingsView = { overrides: AlertOverrides; rules: EffectiveRules; opsEndpointId: string | null };

export async function getAlertSettings(partnerId: string): Promise<AlertSettingsView> {
  const row = await db.alertSettings.findUnique({ where: { partnerId } });
  const parsed = AlertOverridesSchema.safeParse(row?.overrides ?? {});
  const overrides = parsed.success ? parsed.data : {};
  return { overrides, rules: effectiveRules(overrides), opsEndpointId: row?.opsEndpointId ?? null };
}

/** Saves a partner's overrides and operational endpoint (one of its own endpoints, or none). Audited. */
export async function updateAlertSettings(partnerId: string, raw: AlertSettingsInput, actor: AuditEntry["actor"]): Promise<AlertSettingsView> {
  const input = AlertSettingsInputSchema.parse(raw);
  if (input.opsEndpointId && !(await db.endpoint.findFirst({ where: { id: input.opsEndpointId, partnerId }, select: { id: true } }))) throw notFound("Endpoint");
  await db.$transaction(async (tx) => {
    await tx.alertSettings.upsert({
      where: { partnerId },
      create: { partnerId, overrides: input.overrides, opsEndpointId: input.opsEndpointId },
      update: { overrides: input.overrides, opsEndpointId: input.opsEndpointId },
    });
    await recordAudit({ actor, partnerId, action: "alerts.updated", targetType: "partner", targetId: partnerId, metadata: { overrides: input.overrides, opsEndpointId: input.opsEndpointId } }, tx);
  });
  return getAlertSettings(partnerId);
}
