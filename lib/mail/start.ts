import "server-only";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sendDeadLetterDigests } from "@/lib/mail/dead-letter-digest";
import { DIGEST_INTERVAL_MS, MAIL_LOOP_INTERVAL_MS } from "@/lib/mail/policy";
import { sendDueMail } from "@/lib/mail/retry-due-mail";

type MailLoop = { timer: NodeJS.Timeout; running: Promise<void> | null; lastDigestAt: number };
const globalForMail = globalThis as unknown as { waypointMailLoop?: MailLoop };

/**
 * Every 15 s: send the mail that is due again (lib/mail/retry-due-mail.ts); every 5 min: the
 * dead-letter alerts. Started once per process beside the SMS engine, on every driver except
 * "off" (Inngest has no mail function; this loop serves it too). Nothing here needs a shutdown:
 * the timer is unref'd, and a tick cut off mid-send leaves leased rows that are retried later.
 */
export function startMailLoop() {
  if (deliveryDriver(env) === "off" || globalForMail.waypointMailLoop) return;
  const loop: MailLoop = { timer: setInterval(() => tick(loop), MAIL_LOOP_INTERVAL_MS), running: null, lastDigestAt: Date.now() };
  loop.timer.unref();
  globalForMail.waypointMailLoop = loop;
  logger.info("mail loop started");
}

/** Stops the timer and waits for a tick in progress (scripts and tests that exit). */
export async function stopMailLoop() {
  const loop = globalForMail.waypointMailLoop;
  if (!loop) return;
  clearInterval(loop.timer);
  globalForMail.waypointMailLoop = undefined;
  await loop.running;
}

// A slow tick (an SMTP server timing out) must not overlap the next one.
function tick(loop: MailLoop) {
  if (loop.running) return;
  loop.running = runOnce(loop).finally(() => {
    loop.running = null;
  });
}

async function runOnce(loop: MailLoop) {
  try {
    await sendDueMail();
    if (Date.now() - loop.lastDigestAt >= DIGEST_INTERVAL_MS) {
      loop.lastDigestAt = Date.now();
      await sendDeadLetterDigests();
    }
  } catch (err) {
    logger.warn({ err }, "mail loop tick failed; trying again at the next one");
  }
}
