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

/** Re-seals every order source's verification secret (and a rotated-out one still in its overlap) with the current key. */
export async function reencryptOrderSourceSecrets(): Promise<{ total: number }> {
  const rows = await db.orderSource.findMany({ select: { id: true, encryptedSecret: true, previousEncryptedSecret: true } });
  for (const row of rows) {
    await db.orderSource.update({
      where: { id: row.id },
      data: {
        encryptedSecret: sealSecret(openSecret(row.encryptedSecret)),
        previousEncryptedSecret: row.previousEncryptedSecret ? sealSecret(openSecret(row.previousEncryptedSecret)) : null,
      },
    });
  }
  return { total: rows.length };
}
