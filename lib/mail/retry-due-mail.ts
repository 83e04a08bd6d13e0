import "server-only";
import { db } from "@/lib/db/client";
import { attemptMail, type MailOutcome } from "@/lib/mail/attempt";
import { MAIL_RETRY_CONCURRENCY, MAIL_RETRY_LEASE_MS } from "@/lib/mail/policy";

export type DueMailResult = { claimed: number } & Record<MailOutcome, number>;

/**
 * Sends the outbox rows that are due again: retries whose time has come, and new mails whose
 * first send was lost with its process (their lease ran out). Any number of processes may run
 * this at once: SKIP LOCKED and the lease give each row to one of them.
 */
export async function sendDueMail(now = new Date(), limit = 50): Promise<DueMailResult> {
  const ids = await claimDueMail(now, limit);
  const result: DueMailResult = { claimed: ids.length, sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (let i = 0; i < ids.length; i += MAIL_RETRY_CONCURRENCY) {
    const outcomes = await Promise.all(ids.slice(i, i + MAIL_RETRY_CONCURRENCY).map((id) => attemptMail(id, now)));
    for (const outcome of outcomes) result[outcome]++;
  }
  return result;
}

// Timestamps are stored as UTC without a zone: compare in UTC, whatever the session's TimeZone.
async function claimDueMail(now: Date, limit: number): Promise<string[]> {
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "EmailMessage"
       SET "lockedUntil" = (${at}::timestamptz AT TIME ZONE 'UTC') + ${MAIL_RETRY_LEASE_MS}::int * interval '1 millisecond'
     WHERE id IN (
           SELECT id FROM "EmailMessage"
            WHERE status IN ('pending', 'retrying')
              AND "nextAttemptAt" <= (${at}::timestamptz AT TIME ZONE 'UTC')
              AND ("lockedUntil" IS NULL OR "lockedUntil" < (${at}::timestamptz AT TIME ZONE 'UTC'))
            ORDER BY "nextAttemptAt"
            LIMIT ${limit}
            FOR UPDATE SKIP LOCKED)
 RETURNING id`;
  return rows.map((r) => r.id);
}
