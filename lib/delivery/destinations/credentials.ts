import "server-only";
import { openSecret, sealSecret } from "@/lib/crypto/keyring";
import { brokerCredentialsSchema, type BrokerCredentials } from "@/lib/delivery/destinations/config";

// Broker credentials are sealed like signing secrets (AES-256-GCM, SECRETS_ENCRYPTION_KEY, rotated
// by `npm run secrets:reencrypt`) and opened only inside a driver, right before connecting. They
// are never returned by the API or the dashboard, never put in the stored URL, never logged.

export const sealCredentials = (credentials: BrokerCredentials) => sealSecret(JSON.stringify(credentials));

// Opening is an AES-GCM decrypt and a parse; connections are pooled, so this runs once per
// (re)connect, but a small cache keeps a reconnect storm cheap too.
const opened = new Map<string, BrokerCredentials>();

/** The plaintext credentials of a sealed box, or null when there are none. */
export function openCredentials(sealed: string | null): BrokerCredentials | null {
  if (!sealed) return null;
  let plain = opened.get(sealed);
  if (plain === undefined) {
    if (opened.size >= 1_000) opened.clear();
    plain = brokerCredentialsSchema.parse(JSON.parse(openSecret(sealed)));
    opened.set(sealed, plain);
  }
  return plain;
}
