import { inngest } from "@/inngest/client";
import { deliveryRequested } from "@/inngest/events";
import { attemptUntilSettled } from "@/inngest/step-loop";
import { deadLetter } from "@/lib/delivery/attempt";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { MAX_RETRIES } from "@/lib/delivery/policy";

/**
 * Sends one delivery, retrying on the partner's own schedule: attempt, sleep the backoff,
 * attempt... (inngest/step-loop.ts). Every rule (what counts as success, the backoff, when to
 * dead-letter) is in lib/delivery/attempt.ts, the same the embedded engine applies.
 *
 * Flow control is keyed by endpoint so one slow or busy partner cannot delay the others.
 * Inngest's own retries are off (`retries: 0`): a thrown error (database down) ends the run and
 * the sweep picks the delivery up again, instead of an unplanned resend.
 */
export const deliverWebhook = inngest.createFunction(
  {
    id: "deliver-webhook",
    name: "Deliver webhook",
    triggers: [deliveryRequested],
    retries: 0,
    // At most 50 attempts in flight per endpoint; sleeping runs hold no slot.
    concurrency: [{ key: "event.data.endpointId", limit: 50 }],
    // Run starts per endpoint are queued (never dropped, unlike rateLimit) above 100/s.
    throttle: { key: "event.data.endpointId", limit: 100, period: "1s" },
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
