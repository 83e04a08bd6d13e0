import "server-only";
import { db } from "@/lib/db/client";
import { openSecret, sealSecret } from "@/lib/crypto/keyring";
import { generateEndpointSecret } from "@/lib/delivery/signing";
import { ROTATION_OVERLAP_MS } from "@/lib/endpoints/rules";

// Stated in rules.ts (browser-safe) so the dashboard's rotation dialog quotes the same window.
export { ROTATION_OVERLAP_MS };

type Tx = Pick<typeof db, "endpointSecret">;

export async function createEndpointSecret(endpointId: string, tx: Tx = db): Promise<string> {
  const secret = generateEndpointSecret();
  await tx.endpointSecret.create({ data: { endpointId, encryptedSecret: sealSecret(secret) } });
  return secret;
}

/** The secrets that sign right now: the newest, plus any rotated-out one still in its overlap. */
export async function activeSigningSecrets(endpointId: string, now = new Date()): Promise<string[]> {
  const rows = await db.endpointSecret.findMany({
    where: { endpointId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => openSecret(r.encryptedSecret));
}

/** The newest secret, for an explicit reveal in the dashboard. */
export async function currentSecret(endpointId: string): Promise<string | null> {
  const row = await db.endpointSecret.findFirst({ where: { endpointId, expiresAt: null }, orderBy: { createdAt: "desc" } });
  return row ? openSecret(row.encryptedSecret) : null;
}

/** New secret now; the previous ones keep signing until the overlap ends. */
export async function rotateEndpointSecret(endpointId: string, now = new Date()): Promise<{ secret: string; oldExpiresAt: Date }> {
  const oldExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const secret = await db.$transaction(async (tx) => {
    await tx.endpointSecret.updateMany({ where: { endpointId, expiresAt: null }, data: { expiresAt: oldExpiresAt } });
    return createEndpointSecret(endpointId, tx);
  });
  return { secret, oldExpiresAt };
}
