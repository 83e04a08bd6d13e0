import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { retryDeliveryIds } from "@/lib/delivery/retry";
import type { Actor } from "@/lib/endpoints/actor";

/**
 * Switches a disabled endpoint back on and, if asked, retries every delivery to it that was
 * dead-lettered since it was disabled (those are the ones the outage or the switch-off cost).
 */
export async function reenableEndpoint(partnerId: string, endpointId: string, opts: { retryDeadLettered: boolean }, actor: Actor) {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, partnerId } });
  if (!endpoint) throw notFound("Endpoint");
  const since = endpoint.disabledAt;
  await db.endpoint.update({ where: { id: endpointId }, data: { enabled: true, disabledAt: null, disabledReason: null } });
  await recordAudit({ actor, partnerId, action: "endpoint.enabled", targetType: "endpoint", targetId: endpointId, metadata: { wasDisabledBecause: endpoint.disabledReason, retryDeadLettered: opts.retryDeadLettered } });
  if (!opts.retryDeadLettered) return { queued: 0 };
  const failed = await db.delivery.findMany({
    where: { endpointId, status: "dead_lettered", ...(since ? { deadLetteredAt: { gte: new Date(since.getTime() - 24 * 3_600_000) } } : {}) },
    select: { id: true },
  });
  return retryDeliveryIds(partnerId, failed.map((d) => d.id), actor, { reason: "endpoint re-enabled" });
}
