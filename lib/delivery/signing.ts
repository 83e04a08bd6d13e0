import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

// Standard Webhooks (https://www.standardwebhooks.com): the signature covers
// `${msgId}.${unixSeconds}.${body}` so receivers can reject replays and tampering with
// any stock verifier. We sign through the reference library rather than by hand so the
// two can never drift apart.

const SECRET_PREFIX = "whsec_";

export interface SignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

export interface SignPayloadInput {
  /** Current endpoint secrets (`whsec_…`); two during a rotation overlap window. */
  secrets: readonly string[];
  /** Stable across retries so receivers can de-duplicate. */
  msgId: string;
  timestamp: Date;
  /** The exact body bytes that will be sent; re-serialising JSON later breaks the signature. */
  body: string | Buffer;
}

/** 24 random bytes (192 bits), inside the spec's recommended 24–64 byte range. */
export function generateEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString("base64")}`;
}

export function signPayload({ secrets, msgId, timestamp, body }: SignPayloadInput): SignatureHeaders {
  const unique = [...new Set(secrets)];
  if (unique.length === 0) throw new Error("signPayload needs at least one endpoint secret");
  for (const secret of unique) {
    // Catches e.g. an encrypted `v1:…` box passed by mistake, which would still "sign" silently.
    if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`Endpoint secrets must start with "${SECRET_PREFIX}"`);
  }
  if (/[\s,]/.test(msgId) || msgId.length === 0) throw new Error("msgId must be non-empty with no spaces or commas");
  // Every signature in the header is checked by verifiers, so during rotation a receiver
  // holding either the old or the new secret accepts the delivery.
  const signature = unique.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(" ");
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
}
