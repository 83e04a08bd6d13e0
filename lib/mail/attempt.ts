import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { decideAfterMailFailure } from "@/lib/mail/policy";
import { mailTransport, type MailTransport } from "@/lib/mail/transport";

export type MailOutcome = "sent" | "retrying" | "failed" | "skipped";
type SendResult = { ok: true; messageId: string } | { ok: false; error: string };

/**
 * One send of one outbox row and the state it leaves: sent, retrying (with the next time), or
 * failed after the last retry. The caller holds the row's lease (sendMail wrote it leased; the
 * retry loop claimed it). Transport errors are recorded, never thrown. `now` schedules the next
 * retry (tests pass a later one); sentAt is always the real clock.
 */
export async function attemptMail(id: string, now = new Date(), transport: MailTransport = mailTransport()): Promise<MailOutcome> {
  const row = await db.emailMessage.findUnique({
    where: { id },
    select: { id: true, to: true, subject: true, body: true, html: true, template: true, status: true, attemptCount: true },
  });
  if (!row || row.status === "sent" || row.status === "failed") return "skipped";
  const result = await trySend(transport, { id: row.id, to: row.to, subject: row.subject, text: row.body, html: row.html });
  const attempts = row.attemptCount + 1;
  const outcome = result.ok ? await recordSent(id, attempts, result.messageId) : await recordFailure(id, attempts, result.error, now);
  const fields = { mailId: id, to: row.to, template: row.template, status: outcome, attempt: attempts, transport: transport.name };
  if (result.ok) logger.info(fields, "mail sent");
  else logger.warn({ ...fields, error: result.error }, outcome === "failed" ? "mail failed after its last retry" : "mail send failed; will retry");
  return outcome;
}

async function trySend(transport: MailTransport, mail: Parameters<MailTransport["send"]>[0]): Promise<SendResult> {
  try {
    return { ok: true, messageId: (await transport.send(mail)).messageId };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

// updateMany: a row deleted meanwhile (its partner removed) is not an error worth a crash.
async function recordSent(id: string, attemptCount: number, providerMessageId: string): Promise<MailOutcome> {
  await db.emailMessage.updateMany({
    where: { id },
    data: { status: "sent", sentAt: new Date(), providerMessageId, attemptCount, lastError: null, nextAttemptAt: null, lockedUntil: null },
  });
  return "sent";
}

async function recordFailure(id: string, attemptCount: number, error: string, now: Date): Promise<MailOutcome> {
  const decision = decideAfterMailFailure(attemptCount, now);
  const retry = decision.kind === "retry";
  await db.emailMessage.updateMany({
    where: { id },
    // A failed row keeps everything: who, what, how often and why. Only its schedule ends.
    data: { status: retry ? "retrying" : "failed", attemptCount, lastError: error, nextAttemptAt: retry ? decision.at : null, lockedUntil: null },
  });
  return retry ? "retrying" : "failed";
}
