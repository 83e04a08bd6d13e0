// components.schemas. Wherever the API validates or builds a shape with zod, the schema is
// generated from that zod schema (fromZod); the rest mirror the route handlers' JSON by hand.
import { createEndpointBodySchema, patchEndpointBodySchema, testEventBodySchema } from "@/lib/endpoints/api-shape";
import { EndpointCheckJson } from "@/lib/endpoints/check-api-shape";
import { DESTINATION_TYPES } from "@/lib/delivery/destinations/config";
import { BulkRetryJson, EventDetailJson, EventLogPageJson, RetryResultJson } from "@/lib/event-log/api-shape";
import { FILTER_STATUSES } from "@/lib/event-log/status";
import { TIME_RANGES } from "@/lib/event-log/filter";
import { EVENT_TYPES, ORDER_STATUSES, PAYLOAD_FORMATS, SCHEMA_VERSIONS } from "@/lib/events/catalog";
import { CreateOrderBodySchema, IngestEventBodySchema } from "@/lib/events/input";
import { PayloadV2Schema } from "@/lib/events/payload-v2";
import { HealthReportSchema } from "@/lib/health/api-shape";
import { createListenSessionBodySchema, listenAttemptsBodySchema, triggerBodySchema } from "@/lib/listen/api-shape";
import { fromZod, ref } from "./helpers";

const str = { type: "string" };
const dateTime = { type: "string", format: "date-time" };
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });
const object = (properties: Record<string, unknown>, description?: string) => ({
  type: "object",
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
});

const LISTEN_SESSION = object({
  session_id: str,
  forward_to: { type: "string", description: "Where the CLI forwards (Waypoint never calls it)." },
  events: { type: "array", items: { type: "string", enum: EVENT_TYPES }, description: "Empty: every event type." },
  format: { type: "string", enum: PAYLOAD_FORMATS },
  schema_version: { type: "string", enum: SCHEMA_VERSIONS },
  created_at: dateTime,
  last_active_at: dateTime,
  ended_at: nullable(dateTime),
  end_reason: nullable({ type: "string", enum: ["idle", "stopped", "key_revoked"] }),
  stream_path: str,
  idle_timeout_seconds: { type: "integer" },
  resume_window_seconds: { type: "integer" },
});

const ENDPOINT = object({
  id: str,
  url: { type: "string", description: "HTTP: the webhook URL. Brokers: the broker's URL without credentials (amqp[s]://host:port/vhost, nats://host:port)." },
  destination_type: { type: "string", enum: DESTINATION_TYPES, description: "Where deliveries go: an HTTP URL, a RabbitMQ exchange or a NATS JetStream subject. The same signed payload either way (webhook-* as message headers)." },
  destination: nullable({
    anyOf: [
      object({ exchange: str, routing_key: { type: "string", description: "{event_type} is replaced by the event's type." } }, "RabbitMQ"),
      object({ subject: { type: "string", description: "{event_type} is replaced by the event's type." } }, "NATS JetStream"),
    ],
  }),
  credentials: nullable(
    object({ kind: { type: "string", enum: ["password", "token", "creds"] }, username: { type: "string", description: "For kind password only." } }, "Which broker credentials are stored; never the password, token or .creds file."),
  ),
  description: str,
  event_types: { type: "array", items: { type: "string", enum: EVENT_TYPES } },
  format: { type: "string", enum: PAYLOAD_FORMATS },
  schema_version: { type: "string", enum: SCHEMA_VERSIONS },
  enabled: { type: "boolean" },
  disabled_reason: nullable(str),
  disabled_at: nullable(dateTime),
  rate_limit_per_second: nullable({ type: "integer" }),
  created_at: dateTime,
  updated_at: dateTime,
  signing_secret: nullable(object({ masked: { type: "string", const: "whsec_••••" }, created_at: dateTime, previous_expires_at: nullable(dateTime) }, "Never the secret itself.")),
});

const TEST_PREVIEW = object({ url: str, event_id: str, occurred_at: dateTime, content_type: str, body: str, headers: { type: "object", additionalProperties: str } });

export const schemas = {
  Error: object({
    error: {
      type: "object",
      properties: {
        code: { type: "string", enum: ["bad_request", "validation_failed", "unauthorized", "forbidden", "not_found", "request_timeout", "conflict", "invalid_transition", "limit_reached", "payload_too_large", "unsupported_media_type", "rate_limited", "overloaded", "internal"] },
        message: { type: "string", description: "A sentence a person can act on. Never internals: a 500 says only that it was logged." },
        details: { type: "object", description: "Optional, e.g. `issues: [{path, message}]` on 422." },
      },
      required: ["code", "message"],
    },
  }),

  WebhookEventV2: {
    ...fromZod(PayloadV2Schema),
    description:
      "The v2 payload, one shape for every event type: every key is always present and every group (rider, delivery, failure, returns) is always an object, so the set of key paths is the same on every event; a leaf that does not apply is null (rider's leaves on order_confirmed and return_initiated). `sequence` is 1, 2, 3 … per order in the order events were recorded: drop an event whose sequence is not above the last one you applied for its order_id. Phones are masked. `test: true` only on test sends.",
  },
  WebhookEventV1: {
    ...object({
      event: { type: "string", enum: EVENT_TYPES },
      order_id: str,
      status: { type: "string", enum: ORDER_STATUSES },
      timestamp: dateTime,
      metadata: {
        type: "object",
        description: "Only the details that apply to this event: merchant_order_ref, customer_id, rider_name, rider_phone (masked), otp, eta_from, eta_to, delivered_at, confirmation_method, failure_reason, rescheduled_for, return_reason, return_condition, pickup_eta.",
        additionalProperties: str,
      },
    }),
    description: "The older flat payload, for endpoints pinned to v1 (supported until 2027-11-30).",
  },

  CreateOrderRequest: fromZod(CreateOrderBodySchema, "input"),
  OrderEventRequest: fromZod(IngestEventBodySchema, "input"),
  OrderCreated: object({ order_id: str, status: { type: "string", const: "confirmed" }, tracking_url: { type: "string", format: "uri" }, deliveries: { type: "integer", description: "Deliveries queued (one per subscribed endpoint)." }, event: ref("WebhookEventV2") }),
  OrderEventRecorded: object({ event_id: str, order_id: str, status: { type: "string", enum: ORDER_STATUSES }, deliveries: { type: "integer" }, event: ref("WebhookEventV2") }),
  Order: object({
    order_id: str,
    merchant_order_ref: str,
    customer_id: str,
    status: { type: "string", enum: ORDER_STATUSES },
    source: { type: "string", enum: ["api", "shopify", "woocommerce", "generic"], description: "Where the order came from: the machine API, or an order source's type." },
    phone_issue: { ...nullable(str), description: "Set when a lenient order source accepted the order without a usable phone; it gets no SMS." },
    created_at: dateTime,
    events: { type: "array", items: ref("WebhookEventV2") },
  }),
  OrderList: object({
    orders: {
      type: "array",
      items: object({ order_id: str, merchant_order_ref: str, customer_name: str, customer_phone_masked: str, status: { type: "string", enum: ORDER_STATUSES }, created_at: dateTime, updated_at: dateTime }),
    },
    next_cursor: nullable(str),
  }),

  Endpoint: ENDPOINT,
  EndpointWithSecret: { allOf: [ref("Endpoint"), object({ secret: { type: "string", pattern: "^whsec_", description: "Shown in this response only." } })] },
  EndpointList: object({ data: { type: "array", items: ref("Endpoint") }, limit: object({ used: { type: "integer" }, max: { type: "integer", const: 5 } }) }),
  CreateEndpointRequest: fromZod(createEndpointBodySchema, "input"),
  UpdateEndpointRequest: fromZod(patchEndpointBodySchema, "input"),
  EndpointDeleted: object({ id: str, deleted: { type: "boolean", const: true } }),
  TestEventRequest: fromZod(testEventBodySchema, "input"),
  TestEventPreview: TEST_PREVIEW,
  TestEventResult: object({
    attempt_id: str,
    sent_at: dateTime,
    success: { type: "boolean" },
    status_code: nullable({ type: "integer" }),
    latency_ms: { type: "integer" },
    error_class: nullable(str),
    error_message: nullable(str),
    response_excerpt: nullable(str),
    response_headers: { type: "object", additionalProperties: str },
    hint: nullable({ type: "string", description: "A plain-language next step when the endpoint failed." }),
    request: TEST_PREVIEW,
  }),
  EndpointCheck: fromZod(EndpointCheckJson),
  SecretRotated: object({ secret: { type: "string", pattern: "^whsec_", description: "The new secret, shown in this response only." }, old_secret_expires_at: dateTime }),

  EventLogPage: fromZod(EventLogPageJson),
  EventDetail: fromZod(EventDetailJson),
  RetryResult: fromZod(RetryResultJson),
  BulkRetryRequest: {
    type: "object",
    description: "The same filter as GET /api/v1/events: every retrying or dead-lettered delivery of the newest 500 matching events is retried. Use range or from/to, not both.",
    properties: {
      type: { type: "string", enum: EVENT_TYPES },
      status: { type: "string", enum: FILTER_STATUSES },
      range: { type: "string", enum: TIME_RANGES },
      from: dateTime,
      to: dateTime,
    },
    additionalProperties: false,
  },
  BulkRetryResult: fromZod(BulkRetryJson),

  HealthReport: fromZod(HealthReportSchema),

  CreateListenSessionRequest: fromZod(createListenSessionBodySchema, "input"),
  ListenSession: LISTEN_SESSION,
  ListenSessionWithSecret: { ...LISTEN_SESSION, properties: { ...LISTEN_SESSION.properties, secret: { type: "string", pattern: "^whsec_", description: "The session's signing secret, shown in this response only." } }, required: [...LISTEN_SESSION.required, "secret"] },
  ListenSessionList: object({ data: { type: "array", items: ref("ListenSession") } }),
  ListenAttemptsRequest: fromZod(listenAttemptsBodySchema, "input"),
  ListenAttemptsRecorded: object({ recorded: { type: "integer" }, duplicates: { type: "integer" } }),
  ListenTriggerRequest: fromZod(triggerBodySchema, "input"),
  ListenTriggerResult: object({ event_id: str, event: { type: "string", enum: EVENT_TYPES }, sessions: { type: "array", items: str } }),
};
