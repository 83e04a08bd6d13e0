import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { deliveryRequestedEvent } from "@/inngest/events";
import { findOverdueDeliveries } from "@/lib/delivery/find-overdue";

/**
 * The safety net for a lost announcement (`inngest.send` failed after the commit) or a run that
 * ended without finishing its delivery: re-announces deliveries that are long overdue.
 * `deliverWebhook` is a singleton per delivery, so re-announcing one that still has a run skips.
 */
export const sweepOverdueDeliveries = inngest.createFunction(
  {
    id: "sweep-overdue-deliveries",
    name: "Re-announce overdue deliveries",
    triggers: [cron("* * * * *")],
    concurrency: { limit: 1 },
  },
  async ({ step }) => {
    const overdue = await step.run("find-overdue", () => findOverdueDeliveries());
    if (overdue.length === 0) return { announced: 0 };
    await step.sendEvent("re-announce", overdue.map(deliveryRequestedEvent));
    return { announced: overdue.length };
  },
);
