import "server-only";
import { db } from "@/lib/db/client";

/** How late a due message must be before the Inngest sweep assumes nobody announced it. */
export const SMS_SWEEP_OVERDUE_MS = 10_000;
export const SMS_SWEEP_BATCH = 500;

/** Messages waiting for a send whose due time has passed and that no worker holds. */
export async function findDueSms(opts: { now?: Date; overdueMs?: number; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.overdueMs ?? SMS_SWEEP_OVERDUE_MS));
  return db.smsMessage.findMany({
    where: { status: { in: ["pending", "retrying"] }, nextAttemptAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    select: { id: true },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? SMS_SWEEP_BATCH,
  });
}
