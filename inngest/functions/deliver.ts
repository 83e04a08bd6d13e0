import { inngest } from "@/inngest/client";
import { deliveryRequested } from "@/inngest/events";
import { attemptUntilSettled } from "@/inngest/step-loop";
import { deadLetter } from "@/lib/delivery/attempt";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { MAX_RETRIES } from "@/lib/delivery/policy";

/**
 * Sends one delivery, retrying on the partner's own schedule: attempt, sleep the backoff,
 * attempt... (inngest/step-loop.ts). Every rule (what counts as success, the backoff, when to
 * dead-letter, the endpoint's rate limit) is in lib/delivery/attempt.ts, the same the embedded
 * engine applies.
 *
 * A step may run again (Inngest retries a failed step; checkpointed state may be lost with a
 * killed request): the attempt then finds its earlier attempt recorded and waits for the due time,
 * or finds the dead request's lease and waits for it to run out; it never sends early. So
 * `retries` is on: a run killed mid-way resumes instead of waiting for the sweep.
 */
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    triggers: [deliveryRequested],
    retries: 4,
    // At most 50 attempts in flight per endpoint; sleeping runs hold no slot. The endpoint's own
    // rate limit (rateLimitPerSecond) is kept inside the attempt step, for retries too (send-slots.ts).
    concurrency: [{ key: "event.data.endpointId", limit: 50 }],
    // One active run per delivery: a re-announcement (sweep) while a run is queued or sleeping
    // is skipped instead of sending twice. Once the run has ended, a new announcement runs.
    singleton: { key: "event.data.deliveryId", mode: "skip" },
  },
  async ({ event, step }) => {
    const { deliveryId } = event.data;
    return attemptUntilSettled(step, {
      attempt: () => performDeliveryAttempt(deliveryId, { trigger: "automatic" }),
      // performDeliveryAttempt has already dead-lettered it; this step only shows it (idempotent).
      deadLetter: (attemptNumber, reason) => deadLetter(deliveryId, attemptNumber, reason),
      // Never more attempts than the longest schedule a partner may configure allows.
      maxAttempts: MAX_RETRIES + 1,
    });
  },
);
