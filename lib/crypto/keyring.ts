// lib/crypto owns secrets at rest: AES-256-GCM sealing with key rotation, API key hashes, re-encryption.
import "server-only";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { env } from "@/lib/env";

// Rotating SECRETS_ENCRYPTION_KEY: set the new key, move the old one to
// SECRETS_ENCRYPTION_KEY_PREVIOUS, restart, run `npm run secrets:reencrypt`, then drop the old key.
// New secrets are always sealed with the current key; old ones still open meanwhile.

export const sealSecret = (plain: string) => encryptSecret(plain, env.SECRETS_ENCRYPTION_KEY);

export function openSecret(boxed: string): string {
  return openWith(boxed, [env.SECRETS_ENCRYPTION_KEY, ...env.SECRETS_ENCRYPTION_KEY_PREVIOUS]);
}

/** Tries each key in turn (current first); GCM's tag makes a wrong key fail, never mis-decrypt. */
export function openWith(boxed: string, keys: readonly string[]): string {
  let lastError: unknown;
  for (const key of keys) {
    try {
      return decryptSecret(boxed, key);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error("No encryption key opens this secret");
}
