import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { smsRequested, smsRequestedEvent } from "@/inngest/events";
import { attemptUntilSettled } from "@/inngest/step-loop";
import { findDueSms } from "@/lib/sms/find-due-sms";
import { deadLetterSms, performSmsAttempt } from "@/lib/sms/perform-sms-attempt";
import { SMS_RETRY_SCHEDULE_S } from "@/lib/sms/policy";

/**
 * Sends one SMS with the fixed SMS retry schedule, in the same durable loop as deliver-webhook
 * (inngest/step-loop.ts); the rules are in performSmsAttempt. Inngest's own retries are off: a
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
    return attemptUntilSettled(step, {
      attempt: () => performSmsAttempt(smsMessageId),
      deadLetter: (attemptNumber, reason) => deadLetterSms(smsMessageId, attemptNumber, reason),
      // A manual retry can add one attempt beyond the schedule; a guard against a loop, nothing more.
      maxAttempts: SMS_RETRY_SCHEDULE_S.length + 2,
    });
  },
);

/**
 * The safety net: messages queued in a transaction whose announcement never went out (or a run
 * that ended early) are announced again once overdue by an SMS lease and a poll (find-due-sms.ts).
 * sendSms is a singleton per message, so a message that still has a run is skipped; event ids carry
 * the sweep's tick, as for deliveries (inngest/functions/sweep.ts).
 */
export const sweepDueSms = inngest.createFunction(
  { id: "sweep-due-sms", name: "Announce due SMS", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => {
    const { tick, due } = await step.run("find-due", async () => ({ tick: Date.now().toString(36), due: await findDueSms() }));
    if (due.length === 0) return { announced: 0 };
    await step.sendEvent("announce", due.map((m) => smsRequestedEvent(m.id, `sweep-${tick}`)));
    return { announced: due.length };
  },
);
