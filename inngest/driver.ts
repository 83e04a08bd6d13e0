import "server-only";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { deliveryRequestedEvent, deliveryRetryRequestedEvents, smsRequestedEvent } from "@/inngest/events";
import { registerJobDriver, type JobDriver } from "@/lib/jobs/announce";

/** lib/jobs' announce port, spoken to Inngest: each kind of work becomes its typed event. */
export const inngestDriver: JobDriver = {
  name: "inngest",
  describe: () => ({ functions: functions.map((fn) => fn.id(inngest.id)) }),
  async announce(kind, jobs, context) {
    switch (kind) {
      case "delivery":
        await inngest.send(jobs.map((job) => deliveryRequestedEvent({ id: job.id, endpointId: job.group ?? "" }, job.occurrence)));
        return;
      case "sms":
        await inngest.send(jobs.map((job) => smsRequestedEvent(job.id, job.occurrence)));
        return;
      case "delivery-retry":
        await inngest.send(deliveryRetryRequestedEvents(jobs.map((job) => ({ id: job.id, attemptCount: job.occurrence ?? "" })), context.triggeredById ?? null));
        return;
    }
  },
};

/** Called once at start-up (instrumentation.ts) when DELIVERY_ENGINE selects Inngest. */
export function registerInngestDriver() {
  registerJobDriver(inngestDriver);
}
