import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { OrderSourceType } from "@/lib/intake/rules";

// Each channel's signature, checked on the raw body bytes before anything parses them, in
// constant time, against every secret that verifies right now (two during a rotation overlap).
//   Shopify      X-Shopify-Hmac-Sha256: base64(HMAC-SHA256(secret, body))
//   WooCommerce  X-WC-Webhook-Signature: base64(HMAC-SHA256(secret, body))
//   Generic      Standard Webhooks: webhook-signature "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>"
//                (key = base64 after whsec_), webhook-timestamp within 5 minutes.

export const STANDARD_WEBHOOKS_TOLERANCE_S = 5 * 60;

export type Verification = { ok: true } | { ok: false; reason: string };

/** Constant-time comparison of two base64 digests (different lengths compare unequal, still in constant time per length). */
function sameDigest(expected: Buffer, received: string): boolean {
  const got = Buffer.from(received.trim(), "base64");
  if (got.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, got);
}

const hmac = (key: string | Buffer, ...parts: (string | Uint8Array)[]) => {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p);
  return h.digest();
};

function verifyBodyHmac(header: string | null, headerName: string, body: Uint8Array, secrets: readonly string[]): Verification {
  if (!header) return { ok: false, reason: `The ${headerName} header is missing.` };
  // Every secret is tried (no early exit), so timing does not tell which one matched.
  let ok = false;
  for (const secret of secrets) ok = sameDigest(hmac(secret, body), header) || ok;
  return ok ? { ok: true } : { ok: false, reason: `The ${headerName} signature does not match the body signed with this source's secret.` };
}

function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

export function verifyStandardWebhooks(headers: Headers, body: Uint8Array, secrets: readonly string[], now = new Date()): Verification {
  const id = headers.get("webhook-id");
  const timestamp = headers.get("webhook-timestamp");
  const signature = headers.get("webhook-signature");
  if (!id || !timestamp || !signature) return { ok: false, reason: "Standard Webhooks headers missing: webhook-id, webhook-timestamp and webhook-signature are all required." };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "webhook-timestamp must be Unix seconds." };
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > STANDARD_WEBHOOKS_TOLERANCE_S) return { ok: false, reason: `webhook-timestamp is ${skew} s away from Waypoint's clock (at most ${STANDARD_WEBHOOKS_TOLERANCE_S} s): a replayed or delayed request.` };
  const received = signature
    .split(" ")
    .map((s) => s.split(","))
    .filter(([version, value]) => version === "v1" && value)
    .map(([, value]) => value!);
  let ok = false;
  for (const secret of secrets) {
    const expected = hmac(standardWebhooksKey(secret), `${id}.${timestamp}.`, body);
    for (const value of received) ok = sameDigest(expected, value) || ok;
  }
  return ok ? { ok: true } : { ok: false, reason: "No v1 signature in webhook-signature matches the body signed with this source's secret." };
}

export function verifyIntake(type: OrderSourceType, headers: Headers, body: Uint8Array, secrets: readonly string[], now = new Date()): Verification {
  if (secrets.length === 0) return { ok: false, reason: "This source has no secret." };
  if (type === "shopify") return verifyBodyHmac(headers.get("x-shopify-hmac-sha256"), "X-Shopify-Hmac-Sha256", body, secrets);
  if (type === "woocommerce") return verifyBodyHmac(headers.get("x-wc-webhook-signature"), "X-WC-Webhook-Signature", body, secrets);
  return verifyStandardWebhooks(headers, body, secrets, now);
}

/** The channel's delivery id (its retries of one delivery carry the same) and topic. */
export function deliveryOf(type: OrderSourceType, headers: Headers): { deliveryId: string | null; topic: string | null } {
  const clip = (v: string | null) => (v ? v.slice(0, 200) : null);
  if (type === "shopify") return { deliveryId: clip(headers.get("x-shopify-webhook-id")), topic: clip(headers.get("x-shopify-topic")) };
  if (type === "woocommerce") return { deliveryId: clip(headers.get("x-wc-webhook-delivery-id")), topic: clip(headers.get("x-wc-webhook-topic")) };
  return { deliveryId: clip(headers.get("webhook-id")), topic: clip(headers.get("webhook-event") ?? headers.get("x-event-type")) };
}

// --- Signing, as each channel does it (tests, the bench and the dashboard's curl example) ---------

export const signShopify = (secret: string, body: string | Uint8Array) => hmac(secret, body).toString("base64");
export const signWooCommerce = signShopify;
export function signStandardWebhooks(secret: string, id: string, timestamp: Date, body: string | Uint8Array) {
  const ts = String(Math.floor(timestamp.getTime() / 1000));
  return { "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": `v1,${hmac(standardWebhooksKey(secret), `${id}.${ts}.`, body).toString("base64")}` };
}
