import { inngest } from "@/inngest/client";
import { deliveryRequested } from "@/inngest/events";
import { deadLetter, performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { MAX_RETRIES } from "@/lib/delivery/policy";

// Never more attempts than the longest schedule a partner may configure allows. Only a guard
// against a loop: if it is ever hit, the delivery is still due in Postgres and the sweep
// re-announces it.
const MAX_ATTEMPTS_PER_RUN = MAX_RETRIES + 1;

/**
 * Sends one delivery, retrying on the partner's own schedule. Every rule (what counts as
 * success, the backoff, when to dead-letter) is in `performDeliveryAttempt`; this function only
 * turns its answer into durable steps: an attempt, a sleep, another attempt, ...
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
    let attempt = 1;
    let outcome = await step.run(`attempt-${attempt}`, () => performDeliveryAttempt(deliveryId, { trigger: "automatic" }));
    while (outcome.kind === "retry" && attempt < MAX_ATTEMPTS_PER_RUN) {
      await step.sleep(`backoff-${attempt}`, `${outcome.delaySeconds}s`);
      attempt += 1;
      outcome = await step.run(`attempt-${attempt}`, () => performDeliveryAttempt(deliveryId, { trigger: "automatic" }));
    }
    if (outcome.kind === "dead_lettered") {
      const { attemptNumber, reason } = outcome;
      // performDeliveryAttempt has already dead-lettered it; this idempotent step makes the
      // end visible in the run's timeline (onFailure never runs: the function does not fail).
      await step.run("dead-letter", () => deadLetter(deliveryId, attemptNumber, reason));
    }
    return outcome;
  },
);
