// Channel payload → candidate order fields (browser-safe). Shopify and WooCommerce have
// built-in mappings written in the same path expressions a generic source's mapping uses
// (json-path.ts), so one evaluator serves all three and the preview shows exactly what intake does.
import { evaluate, pathsOf } from "@/lib/intake/json-path";
import type { FieldMapping, MappingField, OrderSourceType } from "@/lib/intake/rules";

export type Candidate = {
  /** The value found for each field (absent: nothing found). */
  values: Partial<Record<MappingField, string>>;
  /** The expression each field was read with, for messages ("no value at a, b"). */
  expressions: FieldMapping;
};

export type ChannelDecision =
  | { kind: "order"; candidate: Candidate }
  | { kind: "ignore"; reasonCode: "unsupported_topic" | "not_ready" | "cancelled"; reason: string; orderRef?: string };

/** Shopify's order webhook (REST Order resource): name is the "#1001" merchants and customers see. */
export const SHOPIFY_MAPPING: FieldMapping = {
  merchant_order_ref: "name | order_number | id",
  customer_id: "customer.id | email | contact_email",
  customer_name:
    "shipping_address.name | shipping_address.first_name + shipping_address.last_name | customer.first_name + customer.last_name | billing_address.name",
  customer_phone: "shipping_address.phone | phone | customer.phone | billing_address.phone | customer.default_address.phone",
  occurred_at: "created_at",
};
export const SHOPIFY_TOPICS = ["orders/create", "orders/updated"] as const;

/** WooCommerce's order webhook (REST API v3 order): number is the merchant-visible order number. */
export const WOOCOMMERCE_MAPPING: FieldMapping = {
  merchant_order_ref: "number | id",
  customer_id: "customer_id | billing.email",
  customer_name: "shipping.first_name + shipping.last_name | billing.first_name + billing.last_name | billing.company",
  customer_phone: "shipping.phone | billing.phone",
  occurred_at: "date_created_gmt",
};
export const WOOCOMMERCE_TOPICS = ["order.created", "order.updated"] as const;
/** Orders in these states are paid (or cash on delivery) and ready to ship; the rest wait for an order.updated. */
export const WOOCOMMERCE_READY_STATUSES = ["processing", "completed"] as const;

function read(payload: unknown, mapping: FieldMapping): Candidate {
  const values: Candidate["values"] = {};
  for (const [field, expression] of Object.entries(mapping) as [MappingField, string][]) {
    if (!expression?.trim()) continue;
    const value = evaluate(payload, expression);
    if (value !== undefined) values[field] = value;
  }
  return { values, expressions: mapping };
}

const obj = (payload: unknown) => (payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {});

export function decideShopify(payload: unknown, topic: string | null): ChannelDecision {
  const orderRef = evaluate(payload, SHOPIFY_MAPPING.merchant_order_ref!);
  if (!topic || !(SHOPIFY_TOPICS as readonly string[]).includes(topic)) {
    return { kind: "ignore", reasonCode: "unsupported_topic", reason: `Topic ${topic ?? "(none)"} is not an order to ship; subscribe this URL to ${SHOPIFY_TOPICS.join(" and ")} only.`, orderRef };
  }
  if (obj(payload).cancelled_at) return { kind: "ignore", reasonCode: "cancelled", reason: "The order is cancelled in Shopify (cancelled_at is set).", orderRef };
  return { kind: "order", candidate: read(payload, SHOPIFY_MAPPING) };
}

export function decideWooCommerce(payload: unknown, topic: string | null): ChannelDecision {
  const orderRef = evaluate(payload, WOOCOMMERCE_MAPPING.merchant_order_ref!);
  if (!topic || !(WOOCOMMERCE_TOPICS as readonly string[]).includes(topic)) {
    return { kind: "ignore", reasonCode: "unsupported_topic", reason: `Topic ${topic ?? "(none)"} is not an order to ship; use the topics ${WOOCOMMERCE_TOPICS.join(" and ")}.`, orderRef };
  }
  const status = String(obj(payload).status ?? "");
  if (!(WOOCOMMERCE_READY_STATUSES as readonly string[]).includes(status)) {
    return {
      kind: "ignore",
      reasonCode: "not_ready",
      reason: `Status "${status || "(none)"}" is not ready to ship (only ${WOOCOMMERCE_READY_STATUSES.join(", ")}); the order.updated that moves it to processing brings it in.`,
      orderRef,
    };
  }
  const candidate = read(payload, WOOCOMMERCE_MAPPING);
  // A guest checkout has customer_id 0: the billing e-mail identifies the customer instead.
  if (candidate.values.customer_id === "0") {
    const email = evaluate(payload, "billing.email");
    if (email) candidate.values.customer_id = email;
    else delete candidate.values.customer_id;
  }
  // date_created_gmt is UTC without an offset ("2026-05-01T08:45:10").
  const created = candidate.values.occurred_at;
  if (created && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(created)) candidate.values.occurred_at = `${created}Z`;
  return { kind: "order", candidate };
}

export function decideGeneric(payload: unknown, mapping: FieldMapping): ChannelDecision {
  return { kind: "order", candidate: read(payload, mapping) };
}

export function decide(type: OrderSourceType, payload: unknown, ctx: { topic: string | null; mapping: FieldMapping | null }): ChannelDecision {
  if (type === "shopify") return decideShopify(payload, ctx.topic);
  if (type === "woocommerce") return decideWooCommerce(payload, ctx.topic);
  return decideGeneric(payload, ctx.mapping ?? {});
}

/** The built-in mapping of a channel type (the dashboard shows it read-only), or null for generic. */
export const builtInMapping = (type: OrderSourceType): FieldMapping | null =>
  type === "shopify" ? SHOPIFY_MAPPING : type === "woocommerce" ? WOOCOMMERCE_MAPPING : null;

export const describeExpression = (expression: string | undefined) => (expression ? pathsOf(expression).join(", ") : "(not mapped)");

/**
 * JSON.parse, except that integers too large for a double (Shopify's 64-bit ids, e.g.
 * 820982911946154508) are kept as their digits, as strings, instead of being rounded.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  const guarded = text.replace(/("(?:[^"\\]|\\.)*")|(?<![\d.eE+-])(-?\d{16,})(?=\s*[,}\]\s])/g, (match, str: string | undefined, num: string | undefined) =>
    str !== undefined ? str : Number.isSafeInteger(Number(num)) ? match : `"${num}"`,
  );
  return JSON.parse(guarded);
}
