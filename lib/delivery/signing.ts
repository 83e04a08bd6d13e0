import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

// Standard Webhooks (https://www.standardwebhooks.com): the signature covers
// `${msgId}.${unixSeconds}.${body}` so receivers can reject replays and tampering with
// any stock verifier. The reference library reads (and validates) each secret once; the HMAC
// runs in node:crypto, because the library's pure-JS SHA-256 was the largest cost of signing a
// delivery (bench:http profile). signing.test.ts checks both give the same signature, byte for byte.

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
  const signed = `${msgId}.${Math.floor(timestamp.getTime() / 1000)}.${typeof body === "string" ? body : body.toString()}`;
  const signature = unique.map((secret) => `v1,${createHmac("sha256", keyOf(secret)).update(signed).digest("base64")}`).join(" ");
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

// An endpoint has one or two live secrets; their decoded keys are kept for this process.
const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    new Webhook(secret); // throws on a secret the reference library would refuse
    if (keys.size >= 10_000) keys.clear();
    key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
    keys.set(secret, key);
  }
  return key;
}
