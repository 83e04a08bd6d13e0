import { cron, eventType } from "inngest";
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { findDueSms } from "@/lib/sms/find-due-sms";
import { deadLetter, performSmsAttempt } from "@/lib/sms/perform-sms-attempt";
import { SMS_RETRY_SCHEDULE_S } from "@/lib/sms/policy";

/** One SMS message is due. */
export const smsRequested = eventType("waypoint/sms.requested", {
  schema: z.object({ smsMessageId: z.string().min(1) }),
});
export const smsRequestedEvent = (smsMessageId: string) => smsRequested.create({ smsMessageId });

// A manual retry can add one attempt beyond the schedule; a guard against a loop, nothing more.
const MAX_ATTEMPTS_PER_RUN = SMS_RETRY_SCHEDULE_S.length + 2;

/**
 * Sends one SMS with the fixed SMS retry schedule; the rules are in performSmsAttempt, this
 * only makes them durable steps: attempt, sleep, attempt... Inngest's own retries are off: a
 * thrown error ends the run and the sweep below re-announces the message.
 */
export const sendSms = inngest.createFunction(
  {
    id: "send-sms",
    name: "Send SMS",
    triggers: [smsRequested],
    retries: 0,
    // One provider account for everyone: a bounded number of sends at once.
    concurrency: { limit: 20 },
    singleton: { key: "event.data.smsMessageId", mode: "skip" },
  },
  async ({ event, step }) => {
    const { smsMessageId } = event.data;
    let attempt = 1;
    let outcome = await step.run(`attempt-${attempt}`, () => performSmsAttempt(smsMessageId));
    while (outcome.kind === "retry" && attempt < MAX_ATTEMPTS_PER_RUN) {
      await step.sleep(`backoff-${attempt}`, `${outcome.delaySeconds}s`);
      attempt += 1;
      outcome = await step.run(`attempt-${attempt}`, () => performSmsAttempt(smsMessageId));
    }
    if (outcome.kind === "dead_lettered") {
      const { attemptNumber, reason } = outcome;
      await step.run("dead-letter", () => deadLetter(smsMessageId, attemptNumber, reason));
    }
    return outcome;
  },
);

/**
 * The safety net: messages queued in a transaction whose announcement never went out (or a run
 * that ended early) are announced again. sendSms is a singleton per message, so a message that
 * still has a run is skipped.
 */
export const sweepDueSms = inngest.createFunction(
  { id: "sweep-due-sms", name: "Announce due SMS", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const due = await step.run("find-due", () => findDueSms());
    if (due.length === 0) return { announced: 0 };
    await step.sendEvent("announce", due.map((m) => smsRequestedEvent(m.id)));
    return { announced: due.length };
  },
);
