import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/errors";
import { requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import { currentSecret } from "@/lib/endpoints/secrets";
import type { Actor } from "@/lib/endpoints/actor";
import { markSecretCopied } from "@/lib/onboarding/queries";

/**
 * The only way the current signing secret leaves the server for a person: an explicit
 * "Reveal". Each reveal is audit-logged (never with the secret in it) so a partner can see
 * who has seen it and decide whether to rotate.
 */
export async function revealEndpointSecret(partnerId: string, endpointId: string, actor: Actor): Promise<{ secret: string }> {
  await requireEndpointRow(partnerId, endpointId);
  const secret = await currentSecret(endpointId);
  if (!secret) throw notFound("Signing secret");
  await recordAudit({ actor, partnerId, action: "endpoint.secret_revealed", targetType: "endpoint", targetId: endpointId });
  await markSecretCopied(partnerId);
  return { secret };
}
