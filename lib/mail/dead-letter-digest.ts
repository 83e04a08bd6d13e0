import "server-only";
import { db } from "@/lib/db/client";
import { sqlPool } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { DIGEST } from "@/lib/mail/policy";
import { sendMail } from "@/lib/mail/send-mail";

// One process at a time decides who gets the alert: a second one waiting for the lock would
// then see the first one's outbox rows and stay quiet. Any constant not used elsewhere will do.
const DIGEST_LOCK_ID = 72_707_370;

/** The Event Log filtered to dead-lettered events of the last 7 days (its URL params: status, range). */
export const deadLetteredEventsUrl = () => `${env.APP_URL}/events?status=dead_lettered&range=7d`;

/**
 * "Dead letters are waiting": for each partner with a delivery dead-lettered in the last hour
 * and no such alert in the last 6 hours, one mail to each of its admins with the number of
 * dead-lettered deliveries of the last 7 days. The alert's own outbox rows are the memory of
 * what was sent, so restarts and several processes do not repeat it. Returns null when another
 * process is running it right now.
 */
export async function sendDeadLetterDigests(now = new Date()): Promise<{ partners: number; mails: number } | null> {
  return withAdvisoryLock(DIGEST_LOCK_ID, async () => {
    const partners = await partnersToAlert(now);
    let mails = 0;
    for (const partner of partners) mails += await alertPartner(partner, now);
    if (mails > 0) logger.info({ partners: partners.length, mails }, "dead-letter alerts sent");
    return { partners: partners.length, mails };
  });
}

type PartnerToAlert = { id: string; name: string; users: { email: string }[] };

const partnersToAlert = (now: Date): Promise<PartnerToAlert[]> =>
  db.partner.findMany({
    where: {
      deliveries: { some: { status: "dead_lettered", deadLetteredAt: { gte: ago(now, DIGEST.newDeadLettersWithinMs) } } },
      emails: { none: { template: "dead_letters_waiting", createdAt: { gte: ago(now, DIGEST.quietForMs) } } },
    },
    select: { id: true, name: true, users: { where: { role: "partner_admin" }, select: { email: true } } },
  });

async function alertPartner(partner: PartnerToAlert, now: Date): Promise<number> {
  const count = await db.delivery.count({
    where: { partnerId: partner.id, status: "dead_lettered", deadLetteredAt: { gte: ago(now, DIGEST.countWithinMs) } },
  });
  for (const admin of partner.users) {
    await sendMail({
      partnerId: partner.id,
      to: admin.email,
      template: { kind: "dead_letters_waiting", partnerName: partner.name, count, dashboardUrl: deadLetteredEventsUrl() },
    });
  }
  return partner.users.length;
}

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/** Runs `work` holding a session advisory lock on one pooled connection; null if it is taken. */
async function withAdvisoryLock<T>(lockId: number, work: () => Promise<T>): Promise<T | null> {
  const client = await sqlPool().connect();
  let unlocked = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockId]);
    if (!rows[0]?.locked) {
      unlocked = true;
      return null;
    }
    try {
      return await work();
    } finally {
      unlocked = await client.query("SELECT pg_advisory_unlock($1)", [lockId]).then(() => true, () => false);
    }
  } finally {
    // A connection that may still hold the lock is closed, not returned to the pool.
    client.release(!unlocked);
  }
}
