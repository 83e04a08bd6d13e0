import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { SMS_LEASE_MS } from "@/lib/sms/policy";

/** How late a due, unleased message must be before the Inngest sweep assumes nobody is on it: a lease and a poll (as for deliveries). */
export const smsSweepOverdueMs = () => SMS_LEASE_MS + env.DELIVERY_POLL_MS;
export const SMS_SWEEP_BATCH = 500;

/** Messages waiting for a send whose due time has passed and that no worker holds. */
export async function findDueSms(opts: { now?: Date; overdueMs?: number; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - (opts.overdueMs ?? smsSweepOverdueMs()));
  return db.smsMessage.findMany({
    where: { status: { in: ["pending", "retrying"] }, nextAttemptAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    select: { id: true },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? SMS_SWEEP_BATCH,
  });
}
