import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { closeDestination } from "@/lib/delivery/destinations/registry";
import { requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import type { Actor } from "@/lib/endpoints/actor";

/**
 * Deletes an endpoint, its secrets and its deliveries (the schema cascades), freeing one of the
 * partner's five slots. Events themselves stay in the Event Log. The audit entry keeps the URL,
 * since the row it points at is gone.
 */
export async function deleteEndpoint(partnerId: string, endpointId: string, actor: Actor): Promise<{ id: string }> {
  const endpoint = await requireEndpointRow(partnerId, endpointId);
  await db.$transaction(async (tx) => {
    const pending = await tx.delivery.count({ where: { endpointId, partnerId, status: { in: ["pending", "retrying"] } } });
    await tx.endpoint.deleteMany({ where: { id: endpointId, partnerId } });
    await recordAudit(
      { actor, partnerId, action: "endpoint.deleted", targetType: "endpoint", targetId: endpointId, metadata: { url: endpoint.url, cancelledDeliveries: pending } },
      tx,
    );
  });
  await closeDestination(endpointId);
  return { id: endpointId };
}
