import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EventType } from "@/lib/events/catalog";
import { MAX_TEMPLATE_LENGTH } from "@/lib/sms/defaults";
import { describeProblem, templateProblems } from "@/lib/sms/placeholders";

export type SaveSmsTemplateInput = { eventType: EventType; body: string; enabled: boolean };

/**
 * Saves one event's template. The editor flags problems as the merchant types; this refuses
 * them again, because a template with "{{frist_name}}" would go out to every customer as typed.
 */
export async function saveSmsTemplate(actor: AuditEntry["actor"], partnerId: string, input: SaveSmsTemplateInput) {
  const body = input.body.trim();
  if (!body) throw new AppError("validation_failed", "body: the message cannot be empty");
  if (body.length > MAX_TEMPLATE_LENGTH) throw new AppError("validation_failed", `body: at most ${MAX_TEMPLATE_LENGTH} characters`);
  const problems = templateProblems(body);
  if (problems.length) throw new AppError("validation_failed", problems.map(describeProblem).join(" "));

  return db.$transaction(async (tx) => {
    const template = await tx.smsTemplate.upsert({
      where: { partnerId_eventType: { partnerId, eventType: input.eventType } },
      create: { partnerId, eventType: input.eventType, body, enabled: input.enabled },
      update: { body, enabled: input.enabled },
    });
    await recordAudit(
      { actor, partnerId, action: "sms_template.saved", targetType: "sms_template", targetId: template.id, metadata: { eventType: input.eventType, enabled: input.enabled } },
      tx,
    );
    return { eventType: template.eventType, body: template.body, enabled: template.enabled, updatedAt: template.updatedAt.toISOString() };
  });
}
