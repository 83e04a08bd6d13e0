// Order intake in the OpenAPI document: the channel-facing intake URL, the partner API for order
// sources and the intake log. Spread into paths, schemas and securitySchemes by build-document.ts.
import { createSourceSchema, rotateSourceSecretSchema, updateSourceSchema } from "@/lib/intake/input";
import { INTAKE_LOG_LIMIT, INTAKE_RANGES } from "@/lib/intake/intake-log";
import { INTAKE_BODY_LIMITS, INTAKE_RATE_LIMIT } from "@/lib/intake/receive";
import { INTAKE_OUTCOMES, INTAKE_VALIDATIONS, MAPPING_FIELDS, ORDER_SOURCE_TYPES } from "@/lib/intake/rules";
import { formatBytes } from "@/lib/http/body";
import { body, errors, fromZod, jsonContent, ok, PARTNER_SECURITY, pathParam, ref } from "./helpers";

const str = { type: "string" };
const dateTime = { type: "string", format: "date-time" };
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });
const object = (properties: Record<string, unknown>, description?: string) => ({ type: "object", ...(description ? { description } : {}), properties, required: Object.keys(properties) });
const WRITER_NOTE = " With a session, partner members get 403: only partner admins (and support staff) change order sources.";
const sourceId = pathParam("sourceId", "The order source's id (src_…), the last segment of its intake URL.");
const intakeId = pathParam("intakeId", "An intake log entry's id (ilg_…).");
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: "query", required: false, description, schema });
const FILTER = {
  source: { type: "string", description: "An order source id." },
  reason: { type: "string", description: "A reason_code, e.g. missing_field, invalid_phone, signature_invalid." },
  range: { type: "string", enum: INTAKE_RANGES, default: "7d" },
  q: { type: "string", description: "An order ref, a channel delivery id, an intake id or an order id." },
};
const mappingDoc = Object.fromEntries(MAPPING_FIELDS.map((f) => [f.key, { type: "string", description: `${f.label}: a path expression, e.g. ${f.example}` }]));

export const intakeSecuritySchemes = {
  shopifyHmac: {
    type: "apiKey",
    in: "header",
    name: "X-Shopify-Hmac-Sha256",
    description: "Shopify sources: base64 HMAC-SHA256 of the raw body with the key Shopify signs with (pasted into the source). Retries of one delivery carry the same X-Shopify-Webhook-Id.",
  },
  wooCommerceSignature: {
    type: "apiKey",
    in: "header",
    name: "X-WC-Webhook-Signature",
    description: "WooCommerce sources: base64 HMAC-SHA256 of the raw body with the source's secret (entered as the webhook's Secret in WooCommerce). Deduplicated by X-WC-Webhook-Delivery-ID.",
  },
  standardWebhooks: {
    type: "apiKey",
    in: "header",
    name: "webhook-signature",
    description: "Generic sources: Standard Webhooks with the source's whsec_ secret: webhook-id, webhook-timestamp (within 5 minutes) and webhook-signature `v1,<base64 HMAC-SHA256 of {id}.{timestamp}.{body}>`. Deduplicated by webhook-id.",
  },
};

export const intakeTags = [
  { name: "Order intake", description: "Sales channels (Shopify, WooCommerce, any Standard Webhooks sender) post orders to their source's intake URL." },
  { name: "Order sources", description: "A partner's sales channels, their intake URLs, secrets and mappings, and the intake log." },
];

const SOURCE = object({
  id: str,
  type: { type: "string", enum: ORDER_SOURCE_TYPES },
  name: str,
  intake_url: { type: "string", format: "uri", description: "Give this URL to the channel. Its id is random (160 bits)." },
  validation: { type: "string", enum: INTAKE_VALIDATIONS, description: "strict: a missing or unparseable phone is a 422. lenient: the order is accepted, flagged (phone_issue) and gets no SMS." },
  mapping: nullable({ type: "object", properties: mappingDoc, description: "Generic sources: where each order field is in the channel's JSON." }),
  built_in_mapping: nullable({ type: "object", properties: mappingDoc, description: "Shopify and WooCommerce: the mapping Waypoint applies." }),
  enabled: { type: "boolean" },
  secret: object({ masked: { type: "string", const: "••••" }, previous_expires_at: nullable(dateTime) }, "Never the secret itself."),
  last_received_at: nullable(dateTime),
  created_at: dateTime,
  updated_at: dateTime,
});

const ENTRY = object({
  id: str,
  source_id: str,
  source_name: str,
  source_type: { type: "string", enum: ORDER_SOURCE_TYPES },
  received_at: dateTime,
  delivery_id: nullable(str),
  topic: nullable(str),
  verified: { type: "boolean" },
  outcome: { type: "string", enum: INTAKE_OUTCOMES },
  reason_code: nullable(str),
  reason: nullable(str),
  order_ref: nullable(str),
  order_id: nullable(str),
  replay_count: { type: "integer" },
  last_replayed_at: nullable(dateTime),
  replayable: { type: "boolean", description: "Rejected or failed, verified, with its body kept." },
});

export const intakeSchemas = {
  OrderSource: SOURCE,
  OrderSourceWithSecret: { allOf: [ref("OrderSource"), object({ secret: { type: "string", description: "The verification secret, in this response only (for Shopify, the key you supplied)." } })] },
  OrderSourceList: object({ data: { type: "array", items: ref("OrderSource") }, limit: object({ used: { type: "integer" }, max: { type: "integer" } }), default_country: { type: "string", description: "ISO 3166-1 alpha-2: phones without a country code are read in it." } }),
  CreateOrderSourceRequest: fromZod(createSourceSchema, "input"),
  UpdateOrderSourceRequest: fromZod(updateSourceSchema, "input"),
  RotateOrderSourceSecretRequest: fromZod(rotateSourceSecretSchema, "input"),
  OrderSourceSecretRotated: object({ secret: str, previous_expires_at: dateTime }),
  OrderSourceDeleted: object({ id: str, deleted: { type: "boolean", const: true } }),
  IntakeAccepted: {
    type: "object",
    properties: {
      intake_id: str,
      outcome: { type: "string", enum: ["accepted", "duplicate", "ignored"] },
      order_id: nullable(str),
      tracking_url: { type: "string", format: "uri" },
      reason: str,
      phone_issue: { type: "string", description: "Lenient sources: why the phone was not usable (no SMS for this order)." },
      notes: { type: "array", items: str },
    },
    required: ["intake_id", "outcome", "order_id"],
  },
  IntakeEntry: ENTRY,
  IntakeEntryDetail: { allOf: [ref("IntakeEntry"), object({ headers: { type: "object", additionalProperties: str, description: "As received; signatures and credentials shown as [removed]." }, body: nullable({ type: "string", description: "The raw body; null when the signature failed." }) })] },
  IntakeLogPage: object({
    failures: {
      type: "array",
      description: "Open failures (no later request for the same order ref or delivery id succeeded), grouped by source, outcome and reason: most distinct orders affected first.",
      items: object({ source_id: str, source_name: str, outcome: str, reason_code: nullable(str), reason: nullable(str), count: { type: "integer" }, orders_affected: { type: "integer" }, replayable: { type: "integer" }, last_seen_at: dateTime }),
    },
    entries: { type: "array", items: ref("IntakeEntry") },
  }),
  IntakeReplayResult: object({ intake_id: str, outcome: { type: "string", enum: INTAKE_OUTCOMES }, order_id: nullable(str), reason_code: nullable(str), reason: nullable(str) }),
  IntakeBulkReplayRequest: { type: "object", properties: FILTER, additionalProperties: false },
  IntakeBulkReplayResult: object({ replayed: { type: "integer" }, accepted: { type: "integer" }, duplicate: { type: "integer" }, ignored: { type: "integer" }, still_failing: { type: "integer" } }),
};

export const intakePaths = {
  "/api/v1/intake/{sourceId}": {
    post: {
      tags: ["Order intake"],
      operationId: "receiveChannelOrder",
      summary: "A sales channel's order webhook",
      description: `No API key: the intake URL names the source, and the request is authenticated by the channel's signature over the raw body (Shopify, WooCommerce or Standard Webhooks, by the source's type), checked before the body is parsed. Body at most ${formatBytes(INTAKE_BODY_LIMITS.maxBytes)}; ${INTAKE_RATE_LIMIT.limit} requests a minute per source. The order is created exactly like POST /api/v1/orders (its event, deliveries and SMS in one statement). A repeated delivery id, or an order ref that already exists, is 200 duplicate and writes nothing; topics and states that are not an order to ship are 200 ignored. Every request is in the intake log.`,
      security: [{ shopifyHmac: [] }, { wooCommerceSignature: [] }, { standardWebhooks: [] }],
      parameters: [sourceId],
      requestBody: { required: true, description: "The channel's own order JSON (Shopify REST Order, WooCommerce v3 order, or any JSON for a generic source's mapping).", ...jsonContent({ type: "object" }) },
      responses: {
        "201": ok("Accepted: the order was created.", "IntakeAccepted"),
        "200": ok("Duplicate or ignored: nothing to resend.", "IntakeAccepted"),
        ...errors(400, 401, 403, 404, 408, 413, 415, 422, 429),
        "500": { description: "Recorded as failed; the channel's retry or a replay will take it in." },
      },
    },
  },
  "/api/v1/order-sources": {
    get: { tags: ["Order sources"], operationId: "listOrderSources", summary: "List order sources", security: PARTNER_SECURITY, responses: { "200": ok("The partner's sources (no secrets).", "OrderSourceList"), ...errors(401, 403) } },
    post: {
      tags: ["Order sources"],
      operationId: "createOrderSource",
      summary: "Add an order source",
      description: `type shopify needs \`secret\` (the key Shopify signs with); woocommerce and generic get a generated one unless given. At most 10 per partner.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      requestBody: body("CreateOrderSourceRequest"),
      responses: { "201": ok("The source and its secret, shown this once.", "OrderSourceWithSecret"), ...errors(400, 401, 403, 408, 409, 413, 415, 422) },
    },
  },
  "/api/v1/order-sources/{sourceId}": {
    get: { tags: ["Order sources"], operationId: "getOrderSource", summary: "One order source", security: PARTNER_SECURITY, parameters: [sourceId], responses: { "200": ok("The source (no secret).", "OrderSource"), ...errors(401, 403, 404) } },
    patch: {
      tags: ["Order sources"],
      operationId: "updateOrderSource",
      summary: "Change a source's name, validation, mapping or enabled",
      description: `Absent keys stay as they are. A paused source answers 403 and keeps what it receives for replay.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [sourceId],
      requestBody: body("UpdateOrderSourceRequest"),
      responses: { "200": ok("The source after the change.", "OrderSource"), ...errors(400, 401, 403, 404, 408, 413, 415, 422) },
    },
    delete: {
      tags: ["Order sources"],
      operationId: "deleteOrderSource",
      summary: "Delete an order source",
      description: `Its intake URL answers 404 from now on; orders it took in stay.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [sourceId],
      responses: { "200": ok("Deleted.", "OrderSourceDeleted"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/order-sources/{sourceId}/rotate-secret": {
    post: {
      tags: ["Order sources"],
      operationId: "rotateOrderSourceSecret",
      summary: "Rotate a source's verification secret",
      description: `A new secret (generated, or for Shopify the new key in \`secret\`), returned once; the previous one keeps verifying for 24 h.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [sourceId],
      requestBody: { ...body("RotateOrderSourceSecretRequest"), required: false },
      responses: { "200": ok("The new secret.", "OrderSourceSecretRotated"), ...errors(400, 401, 403, 404, 408, 413, 415, 422) },
    },
  },
  "/api/v1/intake-log": {
    get: {
      tags: ["Order sources"],
      operationId: "getIntakeLog",
      summary: "The intake log",
      description: "Open failures grouped by reason (most orders affected first), and every request that matches, newest first.",
      security: PARTNER_SECURITY,
      parameters: [
        query("source", FILTER.source, "Order source."),
        query("outcome", { type: "string", enum: INTAKE_OUTCOMES }, "Outcome."),
        query("reason", FILTER.reason, "Reason code."),
        query("range", FILTER.range, "Window."),
        query("q", FILTER.q, "Find one."),
        query("limit", { type: "integer", minimum: 1, maximum: INTAKE_LOG_LIMIT }, `Default ${INTAKE_LOG_LIMIT}.`),
      ],
      responses: { "200": ok("Failures and entries.", "IntakeLogPage"), ...errors(401, 403, 422) },
    },
  },
  "/api/v1/intake-log/{intakeId}": {
    get: { tags: ["Order sources"], operationId: "getIntakeEntry", summary: "One intake with its headers and body", security: PARTNER_SECURITY, parameters: [intakeId], responses: { "200": ok("The entry.", "IntakeEntryDetail"), ...errors(401, 403, 404) } },
  },
  "/api/v1/intake-log/{intakeId}/replay": {
    post: {
      tags: ["Order sources"],
      operationId: "replayIntake",
      summary: "Replay a rejected or failed intake",
      description: "Runs its kept body again with the source's current mapping and settings. 409 for an intake that was not rejected or failed, or has no verified body.",
      security: PARTNER_SECURITY,
      parameters: [intakeId],
      responses: { "200": ok("The new outcome.", "IntakeReplayResult"), ...errors(401, 403, 404, 409) },
    },
  },
  "/api/v1/intake-log/replay": {
    post: {
      tags: ["Order sources"],
      operationId: "replayFailedIntakes",
      summary: "Replay every open failure matching a filter",
      description: "At most 500, oldest first.",
      security: PARTNER_SECURITY,
      requestBody: { ...body("IntakeBulkReplayRequest"), required: false },
      responses: { "200": ok("What became of them.", "IntakeBulkReplayResult"), ...errors(400, 401, 403, 408, 413, 415, 422) },
    },
  },
};
