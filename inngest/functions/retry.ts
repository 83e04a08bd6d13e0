import { inngest } from "@/inngest/client";
import { deliveryRetryRequested } from "@/inngest/events";
import { performDeliveryAttempt, type AttemptOutcome } from "@/lib/delivery/perform-attempt";

/**
 * Manual retries: one attempt per delivery, attributed to the person who asked. A failed
 * manual attempt leaves the automatic schedule (or the dead-letter) as it was; that rule is in
 * `performDeliveryAttempt`.
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
      outcomes[deliveryId] = await step.run(`retry-${deliveryId}`, () =>
        performDeliveryAttempt(deliveryId, { trigger: "manual", triggeredById }),
      );
    }
    return outcomes;
  },
);
