import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ANOTHER_ATTEMPT, performDeliveryAttempt, type AttemptOutcome } from "@/lib/delivery/perform-attempt";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import type { EventLogFilter } from "@/lib/event-log/filter";
import { listEventLog } from "@/lib/event-log/list-events";
import { isRetryable, type DeliveryStatus } from "@/lib/event-log/status";
import { announce } from "@/lib/jobs/announce";
import { logger } from "@/lib/logger";

// Manual retries. Who may: anyone scoped to the partner (members too: retrying is operating
// the integration, not configuring it; support staff through the partner switcher; partner API
// keys). Each manual attempt is recorded with trigger "manual" and the person (none for a key);
// a failed one leaves the automatic schedule or the dead-letter as it was (perform-attempt.ts).

/** Bulk retries in this process: at most this many attempts at once. */
export const BULK_RETRY_CONCURRENCY = 10;
/** How long a person's retry made here waits for a slot under the endpoint's rate limit: one (they wait for the answer), bulk (in the background). */
const PACE_WAIT = { single: 10_000, bulk: 60_000 };

export type RetryScope = { partnerId: string };
export type RetryActor = AuditEntry["actor"];

type LatestAttempt = NonNullable<Awaited<ReturnType<typeof latestAttempt>>>;

export type SingleRetry =
  | { mode: "sent"; deliveryId: string; outcome: AttemptOutcome; status: DeliveryStatus; attempt: LatestAttempt | null }
  | { mode: "queued"; deliveryId: string; status: DeliveryStatus };
export type BulkRetry = { mode: "background" | "queued"; queued: number };

// With Inngest a function does the work (announced as "delivery-retry"); otherwise (embedded
// engine, or "off": a web process next to a separate worker) the person asked, so this process
// sends it now.
const queuesElsewhere = () => deliveryDriver(env) === "inngest";

export async function retryDelivery(scope: RetryScope, deliveryId: string, actor: RetryActor): Promise<SingleRetry> {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, partnerId: scope.partnerId }, select: { id: true, status: true, eventId: true, attemptCount: true } });
  if (!delivery) throw notFound(`Delivery ${deliveryId}`);
  if (!isRetryable(delivery.status)) throw new AppError("conflict", "This delivery already arrived; there is nothing to retry.");

  const audit = (metadata: Record<string, unknown>) =>
    recordAudit({ actor, partnerId: scope.partnerId, action: "delivery.retried", targetType: "delivery", targetId: delivery.id, metadata: { eventId: delivery.eventId, ...metadata } });
  if (queuesElsewhere()) {
    await announce("delivery-retry", [{ id: delivery.id, occurrence: String(delivery.attemptCount) }], { triggeredById: actor.id });
    await audit({ mode: "queued" });
    return { mode: "queued", deliveryId: delivery.id, status: delivery.status };
  }
  const outcome = await performDeliveryAttempt(delivery.id, { trigger: "manual", triggeredById: actor.id, paceWaitMs: PACE_WAIT.single });
  if (outcome.kind === "skipped") {
    throw new AppError("conflict", outcome.reason === ANOTHER_ATTEMPT ? "An attempt is in progress right now; its result will appear in the history in a moment." : `Not retried: ${outcome.reason}.`);
  }
  if (outcome.kind === "deferred") {
    throw new AppError("conflict", `Not retried: ${outcome.reason} leaves no free send in the next ${PACE_WAIT.single / 1000} s; try again in ${outcome.delaySeconds} s.`);
  }
  await audit({ mode: "sent", outcome: outcome.kind });
  const after = await db.delivery.findUniqueOrThrow({ where: { id: delivery.id }, select: { status: true } });
  return { mode: "sent", deliveryId: delivery.id, outcome, status: after.status, attempt: await latestAttempt(delivery.id) };
}

// The attempt just made, to show its status code, latency and error where the button was.
const latestAttempt = (deliveryId: string) =>
  db.deliveryAttempt.findFirst({
    where: { deliveryId, trigger: "manual" },
    orderBy: { startedAt: "desc" },
    include: { triggeredBy: { select: { name: true, email: true } } },
  });

/**
 * Retries every failed (retrying or dead-lettered) delivery of the events the Event Log shows
 * for this filter: the same query and the same 500-event window as the list, so the number in
 * the confirmation is the number sent. Returns at once; the attempts run in the background.
 */
export async function retryFailedDeliveries(scope: RetryScope, filter: EventLogFilter, actor: RetryActor): Promise<BulkRetry> {
  const { failedDeliveryIds: ids } = await listEventLog(scope.partnerId, filter);
  return retryDeliveryIds(scope.partnerId, ids, actor, { filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() } });
}

/**
 * Retries the given failed deliveries of one partner (the caller has checked they belong to it):
 * through Inngest, or here in the background with bounded concurrency. Audited as one entry.
 */
export async function retryDeliveryIds(partnerId: string, ids: string[], actor: RetryActor, metadata: Record<string, unknown> = {}): Promise<BulkRetry> {
  const mode = queuesElsewhere() ? "queued" : "background";
  if (ids.length === 0) return { mode, queued: 0 };
  if (mode === "queued") {
    // The attempt count makes the announcement's event id: a double click is one retry, a later one another.
    const counts = await db.delivery.findMany({ where: { id: { in: ids }, partnerId }, select: { id: true, attemptCount: true } });
    await announce("delivery-retry", counts.map((d) => ({ id: d.id, occurrence: String(d.attemptCount) })), { triggeredById: actor.id });
  }
  await recordAudit({ actor, partnerId, action: "deliveries.bulk_retried", targetType: "delivery", metadata: { count: ids.length, ...metadata } });
  if (mode === "background") {
    // Not awaited: the caller gets { queued } at once. A process that dies mid-way leaves the
    // rest as they were (still failed, still listed), so nothing is lost; retry again.
    void forEachBounded(ids, BULK_RETRY_CONCURRENCY, (id) =>
      performDeliveryAttempt(id, { trigger: "manual", triggeredById: actor.id, paceWaitMs: PACE_WAIT.bulk }).then(
        (outcome) => void (outcome.kind === "deferred" && logger.warn({ deliveryId: id, reason: outcome.reason }, "bulk manual retry not sent: no rate-limit slot within a minute")),
        (err) => logger.error({ err, deliveryId: id }, "bulk manual retry failed"),
      ),
    );
  }
  return { mode, queued: ids.length };
}

/** Runs `fn` over `items` with at most `limit` in flight; resolves when all have settled. */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
