// lib/mail owns outgoing mail: templates, the EmailMessage outbox, transports (SMTP or outbox) and the retry loop.
import "server-only";
import { db } from "@/lib/db/client";
import { attemptMail } from "@/lib/mail/attempt";
import { MAIL_FIRST_SEND_LEASE_MS } from "@/lib/mail/policy";
import { renderMail } from "@/lib/mail/render-mail";
import type { MailRequest } from "@/lib/mail/types";

/**
 * Renders the template, writes the EmailMessage row (the outbox, and the record) and sends it at
 * once. A transport failure never reaches the caller: the row is marked retrying and the mail
 * loop (lib/mail/start.ts) sends it again. Throws only for a bad request or a database error.
 */
export async function sendMail(request: MailRequest): Promise<{ id: string }> {
  // A line break in an address would let the value write its own headers.
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(request.to)) throw new Error(`sendMail: "to" must be one e-mail address`);
  const mail = await renderMail(request.template);
  // Leased and due at the lease's end: if this process dies mid-send, the retry loop sends it.
  const leaseEnd = new Date(Date.now() + MAIL_FIRST_SEND_LEASE_MS);
  const row = await db.emailMessage.create({
    data: {
      partnerId: request.partnerId,
      to: request.to,
      template: request.template.kind,
      subject: mail.subject,
      body: mail.text,
      html: mail.html,
      status: "pending",
      nextAttemptAt: leaseEnd,
      lockedUntil: leaseEnd,
    },
    select: { id: true },
  });
  await attemptMail(row.id);
  return { id: row.id };
}
