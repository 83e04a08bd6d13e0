import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/logger";

export type Mail = { partnerId: string | null; to: string; subject: string; body: string };

/**
 * The mail adapter. Default: the local outbox (stored, listed in the dashboard, marked sent).
 * A real provider plugs in here; the outbox row stays as the record either way.
 */
export async function sendMail(mail: Mail) {
  const row = await db.emailMessage.create({ data: { ...mail, sentAt: new Date() } });
  logger.info({ to: mail.to, subject: mail.subject, id: row.id }, "mail queued to outbox");
  return row;
}
