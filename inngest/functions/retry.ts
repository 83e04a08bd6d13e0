import { inngest } from "@/inngest/client";
import { deliveryRetryRequested } from "@/inngest/events";
import { performDeliveryAttempt, type AttemptOutcome } from "@/lib/delivery/perform-attempt";

/** A manual attempt waiting for its rate-limit slot is put off at most this many times. */
const MAX_DEFERRALS = 30;

/**
 * Manual retries: one attempt per delivery, attributed to the person who asked. A failed
 * manual attempt leaves the automatic schedule (or the dead-letter) as it was; that rule is in
 * `performDeliveryAttempt`. An attempt put off by the endpoint's rate limit sleeps and tries again.
 * Inngest's own retries stay off: a manual attempt has no due time to protect it from a resend.
 */
export const retryDeliveries = inngest.createFunction(
  {
    id: "retry-deliveries",
    name: "Retry deliveries (manual)",
    triggers: [deliveryRetryRequested],
    retries: 0,
    concurrency: { limit: 10 },
  },
  async ({ event, step }) => {
    const { deliveryIds, triggeredById } = event.data;
    const outcomes: Record<string, AttemptOutcome> = {};
    // Unique ids only: a step id must never repeat within a run.
    for (const deliveryId of new Set(deliveryIds)) {
      const attempt = () => performDeliveryAttempt(deliveryId, { trigger: "manual", triggeredById });
      let outcome = (await step.run(`retry-${deliveryId}`, attempt)) as AttemptOutcome;
      for (let k = 1; outcome.kind === "deferred" && k <= MAX_DEFERRALS; k++) {
        await step.sleep(`retry-${deliveryId}-wait-${k}`, `${outcome.delaySeconds}s`);
        outcome = (await step.run(`retry-${deliveryId}-${k}`, attempt)) as AttemptOutcome;
      }
      outcomes[deliveryId] = outcome;
    }
    return outcomes;
  },
);
