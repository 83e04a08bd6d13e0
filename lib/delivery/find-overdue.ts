import "server-only";
import { db } from "@/lib/db/client";

/** How late a due delivery must be before the sweep assumes its announcement was lost. */
export const SWEEP_OVERDUE_MS = 10 * 60 * 1000;
/** At most this many re-announcements a minute; the rest wait for the next sweep. */
export const SWEEP_BATCH = 500;

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
