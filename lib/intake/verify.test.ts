import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { deliveryOf, signShopify, signStandardWebhooks, verifyIntake, verifyStandardWebhooks } from "@/lib/intake/verify";

const body = new TextEncoder().encode('{"id":1,"name":"#1001"}');
const secret = "shpss_0123456789abcdef0123456789abcdef";

describe("Shopify and WooCommerce: base64 HMAC-SHA256 of the raw body", () => {
  const digest = createHmac("sha256", secret).update(body).digest("base64");
  it("accepts the channel's own digest, computed independently", () => {
    expect(signShopify(secret, body)).toBe(digest);
    expect(verifyIntake("shopify", new Headers({ "x-shopify-hmac-sha256": digest }), body, [secret])).toEqual({ ok: true });
    expect(verifyIntake("woocommerce", new Headers({ "x-wc-webhook-signature": digest }), body, [secret])).toEqual({ ok: true });
  });
  it("refuses a changed byte, a wrong secret, a hex digest, the other channel's header, or none", () => {
    const changed = new TextEncoder().encode('{"id":1,"name":"#1002"}');
    expect(verifyIntake("shopify", new Headers({ "x-shopify-hmac-sha256": digest }), changed, [secret]).ok).toBe(false);
    expect(verifyIntake("shopify", new Headers({ "x-shopify-hmac-sha256": digest }), body, ["another-secret"]).ok).toBe(false);
    const hex = createHmac("sha256", secret).update(body).digest("hex");
    expect(verifyIntake("shopify", new Headers({ "x-shopify-hmac-sha256": hex }), body, [secret]).ok).toBe(false);
    expect(verifyIntake("woocommerce", new Headers({ "x-shopify-hmac-sha256": digest }), body, [secret])).toEqual({ ok: false, reason: "The X-WC-Webhook-Signature header is missing." });
    expect(verifyIntake("shopify", new Headers(), body, [])).toMatchObject({ ok: false });
  });
  it("accepts either secret during a rotation overlap", () => {
    const next = "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";
    const headers = new Headers({ "x-shopify-hmac-sha256": signShopify(next, body) });
    expect(verifyIntake("shopify", headers, body, [next, secret])).toEqual({ ok: true });
    expect(verifyIntake("shopify", headers, body, [secret]).ok).toBe(false);
  });
});

describe("Generic: Standard Webhooks", () => {
  const whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const now = new Date("2026-05-01T10:00:00Z");
  it("accepts what the reference library signs, and the reference library accepts what we sign", () => {
    const ref = new Webhook(whsec).sign("msg_1", now, Buffer.from(body).toString());
    const headers = new Headers({ "webhook-id": "msg_1", "webhook-timestamp": String(now.getTime() / 1000), "webhook-signature": ref });
    expect(verifyStandardWebhooks(headers, body, [whsec], now)).toEqual({ ok: true });
    const ours = signStandardWebhooks(whsec, "msg_2", now, body);
    expect(ours["webhook-signature"]).toBe(new Webhook(whsec).sign("msg_2", now, Buffer.from(body).toString()));
  });
  it("refuses an old timestamp (replay), a changed id, and a missing header", () => {
    const ours = signStandardWebhooks(whsec, "msg_3", now, body);
    expect(verifyStandardWebhooks(new Headers(ours), body, [whsec], new Date(now.getTime() + 6 * 60_000))).toMatchObject({ ok: false, reason: expect.stringMatching(/360 s away/) });
    expect(verifyStandardWebhooks(new Headers({ ...ours, "webhook-id": "msg_4" }), body, [whsec], now).ok).toBe(false);
    expect(verifyStandardWebhooks(new Headers({ "webhook-id": "x" }), body, [whsec], now)).toMatchObject({ ok: false, reason: expect.stringMatching(/headers missing/) });
  });
  it("accepts a signature list where any v1 entry matches", () => {
    const ours = signStandardWebhooks(whsec, "msg_5", now, body);
    const headers = new Headers({ ...ours, "webhook-signature": `v1,AAAA ${ours["webhook-signature"]} v2,zzz` });
    expect(verifyStandardWebhooks(headers, body, [whsec], now)).toEqual({ ok: true });
  });
});

describe("delivery ids", () => {
  it("reads each channel's delivery id and topic", () => {
    expect(deliveryOf("shopify", new Headers({ "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "x-shopify-topic": "orders/create" }))).toEqual({ deliveryId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", topic: "orders/create" });
    expect(deliveryOf("woocommerce", new Headers({ "x-wc-webhook-delivery-id": "7f3c9e0b2a", "x-wc-webhook-topic": "order.created" }))).toEqual({ deliveryId: "7f3c9e0b2a", topic: "order.created" });
    expect(deliveryOf("generic", new Headers({ "webhook-id": "msg_9" }))).toEqual({ deliveryId: "msg_9", topic: null });
  });
});
