import "server-only";
import { db } from "@/lib/db/client";
import { openSecret, sealSecret } from "@/lib/crypto/keyring";

/** Re-seals every endpoint signing secret with the current key (after a key rotation). */
export async function reencryptEndpointSecrets(): Promise<{ total: number }> {
  const rows = await db.endpointSecret.findMany({ select: { id: true, encryptedSecret: true } });
  for (const row of rows) {
    await db.endpointSecret.update({ where: { id: row.id }, data: { encryptedSecret: sealSecret(openSecret(row.encryptedSecret)) } });
  }
  return { total: rows.length };
}
