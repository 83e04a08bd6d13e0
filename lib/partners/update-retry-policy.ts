import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { RetryPolicyInputSchema, type RetryPolicyInput } from "@/lib/partners/retry-policy";

/**
 * Saves a partner's retry schedule and attempt timeout. New values apply to the next decision
 * the delivery engine makes; deliveries already waiting keep their scheduled time.
 */
export async function updateRetryPolicy(input: { actor: AuditEntry["actor"]; partnerId: string; policy: RetryPolicyInput }) {
  const policy = RetryPolicyInputSchema.parse(input.policy); // the rules hold whoever calls
  return db.$transaction(async (tx) => {
    const before = await tx.partner.findUnique({ where: { id: input.partnerId }, select: { retrySchedule: true, timeoutMs: true } });
    if (!before) throw notFound("Partner");
    const after = await tx.partner.update({
      where: { id: input.partnerId },
      data: { retrySchedule: policy.retrySchedule, timeoutMs: policy.timeoutSeconds * 1000 },
      select: { retrySchedule: true, timeoutMs: true },
    });
    await recordAudit(
      {
        actor: input.actor,
        partnerId: input.partnerId,
        action: "retry_policy.updated",
        targetType: "partner",
        targetId: input.partnerId,
        metadata: { before, after },
      },
      tx,
    );
    return { retrySchedule: after.retrySchedule, timeoutSeconds: after.timeoutMs / 1000 };
  });
}
