import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { announce } from "@/lib/jobs/announce";

/**
 * Sends a dead-lettered SMS once more, now. Its attempt count already exceeds the schedule, so
 * if this send fails too it goes straight back to dead-lettered: one manual try, like webhooks.
 */
export async function retrySms(actor: AuditEntry["actor"], partnerId: string, messageId: string) {
  const message = await db.smsMessage.findFirst({ where: { id: messageId, partnerId }, select: { id: true, status: true, attemptCount: true } });
  if (!message) throw notFound("SMS message");
  if (message.status !== "dead_lettered") throw new AppError("conflict", "Only a message that could not be sent can be retried.");
  await db.$transaction(async (tx) => {
    await tx.smsMessage.update({ where: { id: message.id }, data: { status: "pending", nextAttemptAt: new Date(), lockedUntil: null } });
    await recordAudit({ actor, partnerId, action: "sms.retried", targetType: "sms_message", targetId: message.id }, tx);
  });
  // A new occurrence of the message's announcement (its first one may be less than a day old).
  await announce("sms", [{ id: message.id, occurrence: `retry-${message.attemptCount}` }]);
  return { id: message.id };
}
