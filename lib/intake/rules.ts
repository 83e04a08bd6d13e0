// Order intake: the browser-safe facts (source types, mapping fields, outcomes), shared by the
// dashboard, the partner API and the intake route. Server code is in the other files here.

export const ORDER_SOURCE_TYPES = ["shopify", "woocommerce", "generic"] as const;
export type OrderSourceType = (typeof ORDER_SOURCE_TYPES)[number];

export const INTAKE_VALIDATIONS = ["strict", "lenient"] as const;
export type IntakeValidation = (typeof INTAKE_VALIDATIONS)[number];

export const INTAKE_OUTCOMES = ["accepted", "duplicate", "ignored", "rejected", "unauthorized", "failed"] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];
/** Outcomes that can be replayed once the mapping or settings are fixed (a body was kept). */
export const REPLAYABLE_OUTCOMES = ["rejected", "failed"] as const satisfies readonly IntakeOutcome[];

export const SOURCE_TYPE_LABELS: Record<OrderSourceType, string> = {
  shopify: "Shopify",
  woocommerce: "WooCommerce",
  generic: "Generic JSON",
};

/** What the channel's webhook setup needs to be told, per type (the dashboard's instructions). */
export const SOURCE_TYPE_HELP: Record<OrderSourceType, string> = {
  shopify:
    "Shopify signs each webhook with its own key (the app's client secret, or the key shown under Settings → Notifications → Webhooks). Paste that key here. Subscribe the intake URL to orders/create and orders/updated, JSON format.",
  woocommerce:
    "In WooCommerce → Settings → Advanced → Webhooks, add one webhook per topic (Order created, Order updated) with the intake URL as Delivery URL and this source's secret as Secret.",
  generic:
    "Any system that signs with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature headers) using this source's whsec_ secret. Map its JSON to the order fields below.",
};

/** The canonical order fields a generic source maps, in the order the dashboard lists them. */
export const MAPPING_FIELDS = [
  { key: "merchant_order_ref", label: "Order ref", required: true, example: "id | order_number" },
  { key: "customer_id", label: "Customer id", required: true, example: "customer.id | customer.email" },
  { key: "customer_name", label: "Customer name", required: true, example: "shipping.first_name + shipping.last_name" },
  { key: "customer_phone", label: "Customer phone", required: true, example: "shipping.phone | billing.phone" },
  { key: "occurred_at", label: "Placed at (optional)", required: false, example: "created_at" },
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number]["key"];
export type FieldMapping = Partial<Record<MappingField, string>>;

export const DEFAULT_GENERIC_MAPPING: FieldMapping = {
  merchant_order_ref: "order_id",
  customer_id: "customer.id",
  customer_name: "customer.name",
  customer_phone: "customer.phone",
  occurred_at: "created_at",
};

/** A path expression: `a.b[0].c`, alternatives `x | y` (first with a value), joined `first + last` (with a space). */
export const PATH_EXPRESSION = /^[\w$\-. [\]|+]{1,300}$/;

/**
 * Rejected, failed and unauthorized intakes: this many in windowMs for one source open an
 * intake_failures incident for it (lib/intake/alerts.ts), resolved once fewer remain in the window.
 */
export const INTAKE_SPIKE = { failures: 10, windowMs: 15 * 60 * 1000 } as const;

/** ISO 3166-1 alpha-2 countries offered for the partner's default phone country (the rest via the API). */
export const COMMON_COUNTRIES = ["IN", "AE", "SG", "GB", "US", "AU", "DE", "FR", "NL", "SA", "ID", "MY", "PH", "ZA", "NG", "KE", "BR", "MX", "CA"] as const;
