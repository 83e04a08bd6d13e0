import "server-only";
import { openEndpointDisabledIncident } from "@/lib/alerts/endpoint-disabled";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/logger";

// An endpoint that keeps failing wastes partner and platform capacity and hides real outages
// behind retries. Thresholds are named here and nowhere else.
export const AUTO_DISABLE = {
  /** This many dead-lettered deliveries in a row, with no delivery in between. */
  consecutiveDeadLetters: 20,
  /** Or: every attempt has failed for this long (and there were at least `minAttempts`). */
  failingForMs: 24 * 60 * 60 * 1000,
  minAttempts: 10,
} as const;

// Checks in progress per endpoint in this process, and whether another dead-letter came in meanwhile.
const globalForChecks = globalThis as unknown as { waypointHealthChecks?: Map<string, { again: boolean; done: Promise<void> }> };
const checks = (globalForChecks.waypointHealthChecks ??= new Map());

/**
 * The one health check after a dead-letter, for every path that dead-letters (the embedded
 * engine's batches, the Inngest functions, manual retries): one check at a time per endpoint,
 * however many dead-letter at once, and one more if any came in while it ran. Never throws:
 * health automation must not turn a recorded dead-letter into a crashed attempt. Resolves when
 * the check (including that rerun) is done.
 */
export function checkEndpointAfterDeadLetter(endpointId: string): Promise<void> {
  const running = checks.get(endpointId);
  if (running) {
    running.again = true;
    return running.done;
  }
  const entry = { again: false, done: Promise.resolve() };
  checks.set(endpointId, entry);
  entry.done = (async () => {
    try {
      do {
        entry.again = false;
        await evaluateEndpointAfterDeadLetter(endpointId).catch((err) => logger.error({ err, endpointId }, "endpoint health check failed"));
      } while (entry.again);
    } finally {
      checks.delete(endpointId);
    }
  })();
  return entry.done;
}

/** Disables the endpoint when a threshold is met (after a dead-letter; see checkEndpointAfterDeadLetter). */
export async function evaluateEndpointAfterDeadLetter(endpointId: string, now = new Date()) {
  const endpoint = await db.endpoint.findUnique({ where: { id: endpointId }, select: { id: true, enabled: true, partnerId: true, url: true } });
  if (!endpoint?.enabled) return null;
  const reason = (await consecutiveDeadLetterReason(endpointId)) ?? (await failingForReason(endpointId, now));
  if (!reason) return null;
  const { count } = await db.endpoint.updateMany({ where: { id: endpointId, enabled: true }, data: { enabled: false, disabledReason: reason, disabledAt: now } });
  if (count === 0) return null; // another process got there first
  await recordAudit({ actor: { id: null, email: "system" }, partnerId: endpoint.partnerId, action: "endpoint.auto_disabled", targetType: "endpoint", targetId: endpointId, metadata: { reason } });
  // The incident (lib/alerts) tells the admins, support and the partner's operational endpoint.
  await openEndpointDisabledIncident({ partnerId: endpoint.partnerId, endpointId, endpointUrl: endpoint.url, reason });
  return reason;
}

async function consecutiveDeadLetterReason(endpointId: string) {
  const recent = await db.delivery.findMany({
    where: { endpointId, status: { in: ["delivered", "dead_lettered"] } },
    orderBy: { updatedAt: "desc" },
    take: AUTO_DISABLE.consecutiveDeadLetters,
    select: { status: true },
  });
  const all = recent.length === AUTO_DISABLE.consecutiveDeadLetters && recent.every((d) => d.status === "dead_lettered");
  return all ? `Disabled automatically: the last ${AUTO_DISABLE.consecutiveDeadLetters} deliveries were all dead-lettered.` : null;
}

async function failingForReason(endpointId: string, now: Date) {
  const since = new Date(now.getTime() - AUTO_DISABLE.failingForMs);
  const lastSuccess = await db.deliveryAttempt.findFirst({
    where: { endpointId, deliveryId: { not: null }, success: true },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  // The first failure after the last success: from then on, every attempt failed.
  const failingSince = await db.deliveryAttempt.findFirst({
    where: { endpointId, deliveryId: { not: null }, success: false, ...(lastSuccess ? { startedAt: { gt: lastSuccess.startedAt } } : {}) },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true },
  });
  if (!failingSince || failingSince.startedAt > since) return null;
  const attempts = await db.deliveryAttempt.count({ where: { endpointId, deliveryId: { not: null }, startedAt: { gte: failingSince.startedAt } } });
  if (attempts < AUTO_DISABLE.minAttempts) return null;
  return "Disabled automatically: every attempt has failed for the last 24 hours.";
}

/** Endpoints of a partner that are switched off, for the dashboard banner. */
export const listDisabledEndpoints = (partnerId: string) =>
  db.endpoint.findMany({ where: { partnerId, enabled: false }, select: { id: true, url: true, disabledReason: true, disabledAt: true }, orderBy: { disabledAt: "desc" } });
