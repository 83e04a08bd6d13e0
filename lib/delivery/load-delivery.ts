import "server-only";
import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";

/** Everything one attempt needs, in one round trip. */
export async function loadDeliveryForAttempt(deliveryId: string, now = new Date()) {
  const delivery = await db.delivery.findUnique({
    where: { id: deliveryId },
    include: {
      event: { select: { id: true, payload: true } },
      partner: { select: { retrySchedule: true, timeoutMs: true } },
      endpoint: {
        include: {
          secrets: { where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }, orderBy: { createdAt: "desc" } },
        },
      },
    },
  });
  if (!delivery) return null;
  const secrets = delivery.endpoint.secrets.map((s) => decryptSecret(s.encryptedSecret, env.SECRETS_ENCRYPTION_KEY));
  return { ...delivery, secrets };
}

export type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDeliveryForAttempt>>>;
