import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import { rotateEndpointSecret } from "@/lib/endpoints/secrets";
import type { Actor } from "@/lib/endpoints/actor";

/**
 * A new secret signs from now on; the old one keeps signing too until `oldExpiresAt`
 * (ROTATION_OVERLAP_MS), so a receiver can switch over without dropping a delivery. The new
 * secret is returned once, to the person or key that asked for the rotation.
 */
export async function rotateSecretForEndpoint(partnerId: string, endpointId: string, actor: Actor): Promise<{ secret: string; oldExpiresAt: string }> {
  await requireEndpointRow(partnerId, endpointId);
  const { secret, oldExpiresAt } = await rotateEndpointSecret(endpointId);
  await recordAudit({
    actor,
    partnerId,
    action: "endpoint.secret_rotated",
    targetType: "endpoint",
    targetId: endpointId,
    metadata: { oldSecretExpiresAt: oldExpiresAt.toISOString() },
  });
  return { secret, oldExpiresAt: oldExpiresAt.toISOString() };
}
