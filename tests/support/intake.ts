import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { signShopify, signStandardWebhooks, signWooCommerce } from "@/lib/intake/verify";

// Channel-shaped order webhooks for tests and benches: the fixtures in tests/fixtures/intake
// (shaped like Shopify's and WooCommerce's documented order payloads), made unique per call and
// signed the way each channel signs.

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/intake");
export const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
/** "2026-05-01T14:05:11+05:30" for now, in IST, as Shopify writes it. */
const istNow = () => new Date(Date.now() + 5.5 * 3600_000).toISOString().replace(/\.\d+Z$/, "+05:30");

/** A Shopify orders/create body: a new order number (and 64-bit id) unless given, created now. */
export function shopifyOrder(overrides: { ref?: string; phone?: string | null } = {}) {
  const u = unique();
  let text = fixtureText("shopify-orders-create.json")
    .replace(/"name": "#1042"/, `"name": "${overrides.ref ?? `#SH-${u}`}"`)
    .replace(/5834201927843102031/g, `58342019278${String(Date.now()).slice(-8)}`)
    .replace(/"created_at": "2026-05-01T14:05:11\+05:30"/, `"created_at": "${istNow()}"`);
  if (overrides.phone !== undefined) text = text.replace(/"phone": "098123 45678"/g, `"phone": ${overrides.phone === null ? "null" : JSON.stringify(overrides.phone)}`);
  return text;
}

/** A WooCommerce order.created body (REST v3 order), processing, created now. */
export function wooOrder(overrides: { number?: string; status?: string; billingPhone?: string } = {}) {
  const order = JSON.parse(fixtureText("woocommerce-order-created.json")) as Record<string, unknown> & { billing: Record<string, string> };
  const n = overrides.number ?? `WC-${unique()}`;
  order.number = n;
  order.id = Math.floor(Math.random() * 1e9);
  order.status = overrides.status ?? "processing";
  order.date_created_gmt = new Date().toISOString().slice(0, 19);
  if (overrides.billingPhone !== undefined) order.billing.phone = overrides.billingPhone;
  // WooCommerce encodes with PHP's json_encode: slashes escaped.
  return JSON.stringify(order).replace(/\//g, "\\/");
}

export function shopifyHeaders(secret: string, body: string, opts: { topic?: string; webhookId?: string } = {}) {
  return {
    "content-type": "application/json",
    "x-shopify-topic": opts.topic ?? "orders/create",
    "x-shopify-hmac-sha256": signShopify(secret, body),
    "x-shopify-shop-domain": "kettle-and-crumb.myshopify.com",
    "x-shopify-api-version": "2025-07",
    "x-shopify-webhook-id": opts.webhookId ?? randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
    "x-shopify-event-id": randomUUID(),
  };
}

export function wooHeaders(secret: string, body: string, opts: { topic?: string; deliveryId?: string } = {}) {
  const [resource, event] = (opts.topic ?? "order.created").split(".");
  return {
    "content-type": "application/json",
    "user-agent": "WooCommerce/9.8.5 Hookshot (WordPress/6.8.1)",
    "x-wc-webhook-source": "https://shop.example.in/",
    "x-wc-webhook-topic": opts.topic ?? "order.created",
    "x-wc-webhook-resource": resource!,
    "x-wc-webhook-event": event!,
    "x-wc-webhook-signature": signWooCommerce(secret, body),
    "x-wc-webhook-id": "17",
    "x-wc-webhook-delivery-id": opts.deliveryId ?? randomUUID().replace(/-/g, ""),
  };
}

export function genericHeaders(secret: string, body: string, opts: { id?: string; at?: Date } = {}) {
  return { "content-type": "application/json", ...signStandardWebhooks(secret, opts.id ?? `msg_${randomUUID()}`, opts.at ?? new Date(), body) };
}
