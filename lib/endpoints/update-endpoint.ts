import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { assertUsableUrl } from "@/lib/endpoints/check-url";
import { findEndpoint, requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import type { EndpointPatch } from "@/lib/endpoints/rules";
import type { Actor } from "@/lib/endpoints/actor";
import type { EndpointView } from "@/lib/endpoints/view";

/** The audit action a change is filed under: switching on/off is what people look for. */
function auditAction(patch: EndpointPatch, wasEnabled: boolean) {
  if (patch.enabled === false && wasEnabled) return "endpoint.disabled";
  if (patch.enabled === true && !wasEnabled) return "endpoint.enabled";
  return "endpoint.updated";
}

/**
 * Changes an endpoint's settings and/or switches it off or on. A new URL is checked like a
 * new endpoint's. Switching off keeps a reason a person can read (support sees it too);
 * switching on clears it. Deliveries already queued pick up the change at their next attempt.
 */
export async function updateEndpoint(partnerId: string, endpointId: string, patch: EndpointPatch, actor: Actor): Promise<EndpointView> {
  const before = await requireEndpointRow(partnerId, endpointId);
  if (patch.url !== undefined && patch.url !== before.url) await assertUsableUrl(patch.url);

  const data: Prisma.EndpointUpdateManyMutationInput = {};
  for (const key of ["url", "description", "eventTypes", "format", "schemaVersion", "rateLimitPerSecond"] as const) {
    if (patch[key] !== undefined) Object.assign(data, { [key]: patch[key] });
  }
  if (patch.enabled === false) {
    // Re-disabling keeps the first time it went off; a new reason replaces the old one.
    data.enabled = false;
    data.disabledAt = before.enabled ? new Date() : before.disabledAt;
    data.disabledReason = patch.disabledReason || (before.enabled ? `Disabled by ${actor.email}` : before.disabledReason);
  } else if (patch.enabled === true) {
    Object.assign(data, { enabled: true, disabledAt: null, disabledReason: null });
  }
  const changed = Object.keys(data).filter((k) => k !== "disabledAt");

  await db.$transaction(async (tx) => {
    // partnerId in the where as well: the row was checked above, but every write filters too.
    await tx.endpoint.updateMany({ where: { id: endpointId, partnerId }, data });
    await recordAudit(
      {
        actor,
        partnerId,
        action: auditAction(patch, before.enabled),
        targetType: "endpoint",
        targetId: endpointId,
        metadata: { changed, ...(patch.enabled === false ? { reason: data.disabledReason } : {}) },
      },
      tx,
    );
  });
  return (await findEndpoint(partnerId, endpointId))!;
}
