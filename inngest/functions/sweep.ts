import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { deliveryRequestedEvent } from "@/inngest/events";
import { findOverdueDeliveries } from "@/lib/delivery/find-overdue";

/**
 * The safety net for a lost announcement (`inngest.send` failed after the commit) or a run that
 * ended without finishing its delivery: re-announces deliveries overdue by more than a lease and a
 * poll with nobody holding them (lib/delivery/find-overdue.ts). `deliverWebhook` is a singleton per
 * delivery, so re-announcing one that still has a run skips. Event ids carry this sweep's tick
 * (taken inside the step, so a retried sweep sends the same ids): each sweep is a new occurrence.
 */
export const sweepOverdueDeliveries = inngest.createFunction(
  {
    id: "sweep-overdue-deliveries",
    name: "Re-announce overdue deliveries",
    triggers: [cron("* * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const { tick, overdue } = await step.run("find-overdue", async () => ({ tick: Date.now().toString(36), overdue: await findOverdueDeliveries() }));
    if (overdue.length === 0) return { announced: 0 };
    await step.sendEvent("re-announce", overdue.map((d) => deliveryRequestedEvent(d, `sweep-${tick}`)));
    return { announced: overdue.length };
  },
);
