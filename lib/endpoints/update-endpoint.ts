import "server-only";
import { db } from "@/lib/db/client";
import { Prisma, type Endpoint } from "@/lib/db/generated/client";
import { recordAudit } from "@/lib/audit/record";
import { closeDestination } from "@/lib/delivery/destinations/registry";
import { assertUsableDestination, destinationColumns, type DestinationColumns } from "@/lib/endpoints/check-destination";
import { findEndpoint, requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import type { EndpointPatch } from "@/lib/endpoints/rules";
import type { Actor } from "@/lib/endpoints/actor";
import type { EndpointView } from "@/lib/endpoints/view";
import { assertSchemaVersionAllowed } from "@/lib/sunset/v1";

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
  assertSchemaVersionAllowed(patch.schemaVersion, before.schemaVersion);
  const destination = await destinationChange(before, patch);

  const data: Prisma.EndpointUpdateManyMutationInput = {};
  for (const key of ["url", "description", "eventTypes", "format", "schemaVersion", "rateLimitPerSecond"] as const) {
    if (patch[key] !== undefined) Object.assign(data, { [key]: patch[key] });
  }
  if (destination) {
    // The stored URL is the destination's (a broker's without the credentials written into it), and
    // only what really changed is written, so the audit entry names real changes.
    delete data.url;
    if (destination.url !== before.url) data.url = destination.url;
    if (destination.destinationType !== before.destinationType) data.destinationType = destination.destinationType;
    if (stable(destination.destination) !== stable(before.destination)) data.destination = destination.destination ?? Prisma.DbNull;
    if (destination.encryptedCredentials !== undefined && destination.encryptedCredentials !== before.encryptedCredentials) data.encryptedCredentials = destination.encryptedCredentials;
  }
  if (patch.enabled === false) {
    // Re-disabling keeps the first time it went off; a new reason replaces the old one.
    data.enabled = false;
    data.disabledAt = before.enabled ? new Date() : before.disabledAt;
    data.disabledReason = patch.disabledReason || (before.enabled ? `Disabled by ${actor.email}` : before.disabledReason);
  } else if (patch.enabled === true) {
    Object.assign(data, { enabled: true, disabledAt: null, disabledReason: null });
  }
  // Names only: the audit log never holds a credential.
  const changed = Object.keys(data).filter((k) => k !== "disabledAt").map((k) => (k === "encryptedCredentials" ? "credentials" : k));

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
  // A changed or switched-off destination lets go of its broker connection (this process; others idle it out).
  if (["url", "destinationType", "destination", "encryptedCredentials"].some((k) => k in data) || patch.enabled === false) await closeDestination(endpointId);
  return (await findEndpoint(partnerId, endpointId))!;
}

/** JSON with sorted keys (jsonb does not keep key order), for comparing settings. */
const stable = (value: unknown): string => JSON.stringify(value ?? null, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The new destination columns when the patch touches the destination, checked like a new endpoint's; else null. */
async function destinationChange(before: Endpoint, patch: EndpointPatch): Promise<DestinationColumns | null> {
  const touched = patch.url !== undefined || patch.destinationType !== undefined || patch.destination !== undefined || patch.credentials !== undefined;
  if (!touched) return null;
  const destinationType = patch.destinationType ?? before.destinationType;
  const typeChanged = destinationType !== before.destinationType;
  const merged = {
    destinationType,
    url: patch.url ?? before.url,
    // Switching type starts from that type's defaults; otherwise a partial patch keeps the rest.
    destination: patch.destination !== undefined ? patch.destination : typeChanged ? null : (before.destination as Record<string, string> | null),
    credentials: patch.credentials,
  };
  const hostChanged = typeChanged || (patch.url !== undefined && patch.url.trim() !== before.url);
  await assertUsableDestination(merged, { checkHost: hostChanged });
  const columns = destinationColumns(merged);
  // Another broker type never inherits credentials meant for the old one.
  if (typeChanged && columns.encryptedCredentials === undefined) columns.encryptedCredentials = null;
  return columns;
}
