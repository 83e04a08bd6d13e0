import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/intake/canonical";
import { decide, decideShopify, decideWooCommerce, parseJsonKeepingBigIntegers } from "@/lib/intake/channels";
import { evaluate, expressionProblem, valueAt } from "@/lib/intake/json-path";
import { normalizePhone } from "@/lib/intake/phone";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../tests/fixtures/intake", name), "utf8");
const shopify = () => parseJsonKeepingBigIntegers(fixture("shopify-orders-create.json")) as Record<string, unknown>;
const woo = () => JSON.parse(fixture("woocommerce-order-created.json")) as Record<string, unknown>;
const strictIN = { validation: "strict", country: "IN" } as const;
const lenientIN = { validation: "lenient", country: "IN" } as const;

describe("path expressions", () => {
  const doc = { billing: { phone: " +91 98123 45678 ", first_name: "Diya", last_name: "Raman" }, items: [{ sku: "A1" }, { sku: "B2" }], n: 0, empty: "", obj: { a: 1 } };
  it("reads nested keys, array elements either way, and scalars only", () => {
    expect(valueAt(doc, "billing.phone")).toBe("+91 98123 45678");
    expect(valueAt(doc, "items[1].sku")).toBe("B2");
    expect(valueAt(doc, "items.0.sku")).toBe("A1");
    expect(valueAt(doc, "n")).toBe(0);
    expect(valueAt(doc, "empty")).toBeUndefined();
    expect(valueAt(doc, "obj")).toBeUndefined();
    expect(valueAt(doc, "billing.toString")).toBeUndefined();
    expect(valueAt(doc, "missing.deep.path")).toBeUndefined();
  });
  it("takes the first alternative with a value and joins + parts with a space", () => {
    expect(evaluate(doc, "shipping.phone | billing.phone")).toBe("+91 98123 45678");
    expect(evaluate(doc, "billing.first_name + billing.last_name")).toBe("Diya Raman");
    expect(evaluate(doc, "shipping.name | billing.first_name + nope")).toBe("Diya");
    expect(evaluate(doc, "a | b")).toBeUndefined();
  });
  it("names syntax problems", () => {
    expect(expressionProblem("a.b | c[0].d + e")).toBeNull();
    expect(expressionProblem("a |  | b")).toMatch(/empty part/);
    expect(expressionProblem("a[x]")).toMatch(/not a path/);
  });
});

describe("JSON with 64-bit ids", () => {
  it("keeps integers beyond 2^53 as their digits and leaves the rest alone", () => {
    const parsed = parseJsonKeepingBigIntegers('{"id": 5834201927843102031, "small": 42, "s": "12345678901234567890", "f": 1.12345678901234567, "a": [9007199254740993]}') as Record<string, unknown>;
    expect(parsed).toEqual({ id: "5834201927843102031", small: 42, s: "12345678901234567890", f: 1.1234567890123457, a: ["9007199254740993"] });
  });
});

describe("Shopify orders/create → order", () => {
  it("maps the documented order shape: name, customer id, shipping name and phone, created_at", () => {
    const decision = decideShopify(shopify(), "orders/create");
    expect(decision.kind).toBe("order");
    if (decision.kind !== "order") return;
    expect(decision.candidate.values).toEqual({
      merchant_order_ref: "#1042",
      customer_id: "7712093847122",
      customer_name: "Diya Raman",
      customer_phone: "098123 45678",
      occurred_at: "2026-05-01T14:05:11+05:30",
    });
    const order = canonicalize(decision.candidate, strictIN);
    expect(order).toEqual({
      ok: true,
      body: { merchant_order_ref: "#1042", customer_id: "7712093847122", customer_name: "Diya Raman", customer_phone: "+919812345678", occurred_at: "2026-05-01T14:05:11+05:30" },
      phoneIssue: null,
      notes: [],
    });
  });
  it("ignores other topics and cancelled orders, naming why", () => {
    expect(decideShopify(shopify(), "products/update")).toMatchObject({ kind: "ignore", reasonCode: "unsupported_topic", orderRef: "#1042" });
    expect(decideShopify({ ...shopify(), cancelled_at: "2026-05-01T15:00:00+05:30" }, "orders/updated")).toMatchObject({ kind: "ignore", reasonCode: "cancelled" });
  });
  it("falls back to the order phone, then the customer's, when the shipping address has none", () => {
    const payload = shopify();
    (payload.shipping_address as Record<string, unknown>).phone = null;
    payload.phone = "+44 7911 123456";
    const decision = decideShopify(payload, "orders/updated");
    expect(decision.kind === "order" && canonicalize(decision.candidate, strictIN)).toMatchObject({ ok: true, body: { customer_phone: "+447911123456" } });
  });
});

describe("WooCommerce order.created → order", () => {
  it("maps number, guest e-mail as customer, shipping name, billing phone (shipping phone empty) and UTC created date", () => {
    const decision = decideWooCommerce(woo(), "order.created");
    expect(decision.kind).toBe("order");
    if (decision.kind !== "order") return;
    expect(canonicalize(decision.candidate, strictIN)).toEqual({
      ok: true,
      body: { merchant_order_ref: "4821", customer_id: "arjun.mehta@example.in", customer_name: "Arjun Mehta", customer_phone: "+919820011223", occurred_at: "2026-05-01T08:42:40Z" },
      phoneIssue: null,
      notes: [],
    });
  });
  it("waits for orders that are not ready to ship, and ignores other topics", () => {
    expect(decideWooCommerce({ ...woo(), status: "pending" }, "order.created")).toMatchObject({ kind: "ignore", reasonCode: "not_ready", orderRef: "4821" });
    expect(decideWooCommerce(woo(), "product.updated")).toMatchObject({ kind: "ignore", reasonCode: "unsupported_topic" });
  });
});

describe("generic mapping, validation per source", () => {
  const sample = JSON.parse(fixture("generic-order.json")) as unknown;
  const mapping = {
    merchant_order_ref: "data.order.ref",
    customer_id: "data.buyer.uid",
    customer_name: "data.buyer.first_name + data.buyer.last_name",
    customer_phone: "data.shipping.phone | data.billing.phone",
    occurred_at: "data.order.placed_at",
  };
  it("maps a pasted sample with the dashboard's mapping", () => {
    const decision = decide("generic", sample, { topic: null, mapping });
    expect(decision.kind === "order" && canonicalize(decision.candidate, strictIN)).toMatchObject({
      ok: true,
      body: { merchant_order_ref: "MKT-88213", customer_id: "ig-55120", customer_name: "Kavya Iyer", customer_phone: "+919900012345" },
    });
  });
  it("names the missing field and where it looked", () => {
    const decision = decide("generic", sample, { topic: null, mapping: { ...mapping, customer_id: "data.customer.id" } });
    expect(decision.kind === "order" && canonicalize(decision.candidate, strictIN)).toEqual({
      ok: false,
      reasonCode: "missing_field",
      field: "customer_id",
      message: "customer_id: missing (no value at data.customer.id)",
    });
  });
  it("strict rejects a missing or unparseable phone; lenient accepts it flagged", () => {
    const noPhone = decide("generic", sample, { topic: null, mapping: { ...mapping, customer_phone: "data.shipping.phone" } });
    const badPhone = decide("generic", { data: { ...(sample as { data: object }).data, billing: { phone: "12ab" } } }, { topic: null, mapping });
    if (noPhone.kind !== "order" || badPhone.kind !== "order") throw new Error("expected orders");
    expect(canonicalize(noPhone.candidate, strictIN)).toMatchObject({ ok: false, reasonCode: "missing_field", field: "customer_phone", message: "customer_phone: missing (no value at data.shipping.phone)" });
    expect(canonicalize(badPhone.candidate, strictIN)).toMatchObject({ ok: false, reasonCode: "invalid_phone", field: "customer_phone" });
    expect(canonicalize(noPhone.candidate, lenientIN)).toMatchObject({ ok: true, phoneIssue: "missing", body: { customer_phone: "" } });
    expect(canonicalize(badPhone.candidate, lenientIN)).toMatchObject({ ok: true, phoneIssue: "unparseable: 12ab", body: { customer_phone: "12ab" } });
  });
  it("holds every value to the ingest API's own rules (lengths, date-time with offset)", () => {
    const long = decide("generic", { ...(sample as object), x: "r".repeat(65) }, { topic: null, mapping: { ...mapping, merchant_order_ref: "x" } });
    expect(long.kind === "order" && canonicalize(long.candidate, strictIN)).toMatchObject({ ok: false, reasonCode: "invalid_field", field: "merchant_order_ref" });
    const noOffset = decide("generic", { ...(sample as object), t: "2026-05-01 14:20" }, { topic: null, mapping: { ...mapping, occurred_at: "t" } });
    if (noOffset.kind !== "order") throw new Error("expected order");
    expect(canonicalize(noOffset.candidate, strictIN)).toMatchObject({ ok: false, field: "occurred_at" });
    const lenient = canonicalize(noOffset.candidate, lenientIN);
    expect(lenient).toMatchObject({ ok: true });
    expect(lenient.ok && lenient.body.occurred_at).toBeUndefined();
  });
});

describe("phone numbers in the partner's country", () => {
  it.each([
    ["098123 45678", "IN", "+919812345678"],
    ["9812345678", "IN", "+919812345678"],
    ["0091 98123 45678", "GB", "+919812345678"],
    ["(415) 555-2671", "US", "+14155552671"],
    ["07911 123456", "GB", "+447911123456"],
  ])("%s in %s → %s", (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, e164 });
  });
  it("refuses what is not a number", () => {
    expect(normalizePhone("call me", "IN")).toMatchObject({ ok: false, issue: "unparseable" });
    expect(normalizePhone("  ", "IN")).toMatchObject({ ok: false, issue: "missing" });
  });
});
