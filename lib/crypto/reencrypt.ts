import "server-only";
import { db } from "@/lib/db/client";
import { openSecret, sealSecret } from "@/lib/crypto/keyring";

/** Re-seals every endpoint signing secret and broker credential with the current key (after a key rotation). */
export async function reencryptEndpointSecrets(): Promise<{ total: number }> {
  const rows = await db.endpointSecret.findMany({ select: { id: true, encryptedSecret: true } });
  for (const row of rows) {
    await db.endpointSecret.update({ where: { id: row.id }, data: { encryptedSecret: sealSecret(openSecret(row.encryptedSecret)) } });
  }
  // Broker destinations' credentials are sealed with the same key.
  const brokers = await db.endpoint.findMany({ where: { encryptedCredentials: { not: null } }, select: { id: true, encryptedCredentials: true } });
  for (const row of brokers) {
    await db.endpoint.update({ where: { id: row.id }, data: { encryptedCredentials: sealSecret(openSecret(row.encryptedCredentials!)) } });
  }
  return { total: rows.length + brokers.length };
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
