import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * How late a due delivery with no lease must be before the sweep assumes nobody is on it (its
 * announcement lost, its run ended or killed): a worker that has it takes the lease within a poll
 * of its due time and renews it while it works, and a dead worker's lease runs out within a lease.
 * A run that is merely queued is re-announced harmlessly (one run per delivery: singleton).
 */
export const sweepOverdueMs = () => env.DELIVERY_LEASE_MS + env.DELIVERY_POLL_MS;
/** At most this many re-announcements a minute; the rest wait for the next sweep. */
export const SWEEP_BATCH = 500;

/**
 * Deliveries still waiting for an automatic attempt whose due time passed more than
 * `overdueMs` ago and which no worker holds a lease on.
 */
export async function findOverdueDeliveries(opts: { now?: Date; overdueMs?: number; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.overdueMs ?? sweepOverdueMs()));
  return db.delivery.findMany({
    where: {
      status: { in: ["pending", "retrying"] },
      nextAttemptAt: { lt: cutoff },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    select: { id: true, endpointId: true, attemptCount: true },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? SWEEP_BATCH,
  });
}
