import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { deliveryRequestedEvent } from "@/inngest/events";
import { db } from "@/lib/db/client";

/** How late a due delivery must be before the sweep assumes its announcement was lost. */
export const SWEEP_OVERDUE_MS = 10 * 60 * 1000;
/** At most this many re-announcements a minute; the rest wait for the next sweep. */
export const SWEEP_BATCH = 500;

// TODO(lead): move to lib/delivery/find-overdue.ts; it is a query, not Inngest code.
/**
 * Deliveries still waiting for an automatic attempt whose due time passed more than
 * `overdueMs` ago and which no worker holds a lease on.
 */
export async function findOverdueDeliveries(opts: { now?: Date; overdueMs?: number; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.overdueMs ?? SWEEP_OVERDUE_MS));
  return db.delivery.findMany({
    where: {
      status: { in: ["pending", "retrying"] },
      nextAttemptAt: { lt: cutoff },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    select: { id: true, endpointId: true },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? SWEEP_BATCH,
  });
}

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
