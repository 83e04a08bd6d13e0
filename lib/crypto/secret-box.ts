import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Endpoint signing secrets must be readable again (we sign with them), so they are encrypted
// at rest rather than hashed. API keys are only ever compared, so they are hashed instead.

const VERSION = "v1";
const IV_BYTES = 12; // the GCM standard nonce size
const TAG_BYTES = 16;

/** Accepts a 32-byte key as 64 hex characters or as base64/base64url (43–44 characters). */
function parseKey(key: string): Buffer {
  const trimmed = key.trim();
  // Hex is checked first: 64 hex characters are also valid base64 (which would decode to 48 bytes).
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes;
  }
  // Never echo the key itself: this message can end up in logs.
  throw new Error(
    `Encryption key must be 32 bytes, given as 64 hex characters or base64 (got a ${trimmed.length}-character string). ` +
      `Generate one with: openssl rand -base64 32`,
  );
}

/** Encrypts with AES-256-GCM into `v1:<iv b64>:<tag b64>:<ciphertext b64>`. A fresh IV per call. */
export function encryptSecret(plain: string, key: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", parseKey(key), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

/** Reverses encryptSecret; throws on a wrong key, tampering, or an unknown format version. */
export function decryptSecret(boxed: string, key: string): string {
  const parts = boxed.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error(`Encrypted secret has an unknown format (expected "${VERSION}:<iv>:<tag>:<ciphertext>")`);
  }
  const [, ivB64, tagB64, dataB64] = parts as [string, string, string, string];
  const iv = Buffer.from(ivB64, "base64");
  const tag = Buffer.from(tagB64, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error("Encrypted secret is malformed (bad IV or tag length)");
  }
  const decipher = createDecipheriv("aes-256-gcm", parseKey(key), iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("Could not decrypt secret: wrong encryption key or the stored value was altered");
  }
}

/** API keys carry 190 bits of randomness, so a plain SHA-256 is enough (no slow KDF needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling: 248 = 4 × 62, so bytes below it map uniformly (no modulo bias).
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export type ApiKeyKind = "ingest" | "partner";

export interface GeneratedApiKey {
  /** Shown to the user once; never stored. */
  key: string;
  /** First 12 characters, stored in clear so users can tell their keys apart. */
  prefix: string;
  /** What is stored and looked up (see hashApiKey). */
  hash: string;
}

export function generateApiKey(kind: ApiKeyKind): GeneratedApiKey {
  const key = `${kind === "ingest" ? "wp_ingest_" : "wp_live_"}${randomBase62(32)}`;
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}
