// paths: one entry per route handler under app/api/v1 (tests/integration/openapi.test.ts
// fails when a handler is missing here).
import { EVENT_TYPES, ORDER_STATUSES } from "@/lib/events/catalog";
import { FILTER_STATUSES } from "@/lib/event-log/status";
import { EVENT_LOG_LIMIT, TIME_RANGES } from "@/lib/event-log/filter";
import { HEALTH_RANGES } from "@/lib/health/range";
import { body, errors, INGEST_SECURITY, jsonContent, ok, PARTNER_SECURITY, pathParam } from "./helpers";

const idempotency = { $ref: "#/components/parameters/IdempotencyKey" };
const orderId = pathParam("orderId", "The order_id Waypoint returned when the order was created.");
const endpointId = pathParam("endpointId", "The endpoint's id.");
const eventId = pathParam("eventId", "The event_id (also the webhook-id header of its deliveries).");
const deliveryId = pathParam("deliveryId", "A delivery_id from GET /api/v1/events or /api/v1/events/{eventId}.");
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: "query", required: false, description, schema });
const WRITER_NOTE = " With a session, partner members get 403: only partner admins (and support staff) change endpoints.";

const sessionId = pathParam("sessionId", "The session_id from POST /api/v1/listen/sessions.");

// `waypoint listen` (cli/): a developer's terminal receiving this partner's events on localhost.
const LISTEN_PATHS = {
  "/api/v1/listen/sessions": {
    get: {
      tags: ["Listen (CLI)"],
      operationId: "listListenSessions",
      summary: "Live listen sessions",
      security: PARTNER_SECURITY,
      responses: { "200": ok("The partner's live sessions (no secrets).", "ListenSessionList"), ...errors(401, 403) },
    },
    post: {
      tags: ["Listen (CLI)"],
      operationId: "createListenSession",
      summary: "Start a listen session",
      description:
        "At most 3 live sessions per partner (409 limit_reached lists them); a session ends after 10 minutes without activity. Not an endpoint: it takes none of the 5 slots and its attempts count in no health figure. The answer carries the session's whsec_ signing secret, this once.",
      security: PARTNER_SECURITY,
      requestBody: body("CreateListenSessionRequest"),
      responses: { "201": ok("The session and its signing secret.", "ListenSessionWithSecret"), ...errors(400, 401, 403, 408, 409, 413, 415, 422) },
    },
  },
  "/api/v1/listen/sessions/{sessionId}": {
    get: { tags: ["Listen (CLI)"], operationId: "getListenSession", summary: "One listen session", security: PARTNER_SECURITY, parameters: [sessionId], responses: { "200": ok("The session (no secret).", "ListenSession"), ...errors(401, 403, 404) } },
    delete: {
      tags: ["Listen (CLI)"],
      operationId: "stopListenSession",
      summary: "End a listen session",
      description: "Frees its place; its stream closes within seconds. Ending one already ended is not an error.",
      security: PARTNER_SECURITY,
      parameters: [sessionId],
      responses: { "200": ok("The session as ended.", "ListenSession"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/listen/sessions/{sessionId}/stream": {
    get: {
      tags: ["Listen (CLI)"],
      operationId: "streamListenSession",
      summary: "The session's events, as server-sent events",
      description:
        "Authenticated on every connect. Messages: `ready` {session_id, resumed_after, backlog}; `webhook` (id: the event id) {event_id, event, order_ref, test, created_at, headers, body}: headers and body exactly as an endpoint with the session's format and schema version would receive them, signed with the session's secret; `skipped` {count, oldest_at, newest_at, reason}: events a reconnect cannot replay (older than 15 minutes, or more than 1,000 behind); `end` {reason, message}: the session ended (idle, stopped, key_revoked, replaced). A reconnect sends Last-Event-ID (the last event reported through …/attempts) and resumes after it.",
      security: PARTNER_SECURITY,
      parameters: [sessionId, { name: "Last-Event-ID", in: "header", required: false, description: "Resume after this event.", schema: { type: "string" } }],
      responses: { "200": { description: "text/event-stream, open until the session ends or the client goes.", content: { "text/event-stream": { schema: { type: "string" } } } }, ...errors(401, 403, 404, 409) },
    },
  },
  "/api/v1/listen/sessions/{sessionId}/attempts": {
    post: {
      tags: ["Listen (CLI)"],
      operationId: "reportListenAttempts",
      summary: "Report forwards to the local server",
      description: "Each becomes a CLI session attempt in the Event Log (once per event and session); the last one is where a reconnect resumes. An event id that is not this partner's is 404.",
      security: PARTNER_SECURITY,
      parameters: [sessionId],
      requestBody: body("ListenAttemptsRequest"),
      responses: { "200": ok("How many were recorded (and how many were already).", "ListenAttemptsRecorded"), ...errors(400, 401, 403, 404, 408, 413, 415, 422) },
    },
  },
  "/api/v1/listen/trigger": {
    post: {
      tags: ["Listen (CLI)"],
      operationId: "triggerListenTestEvent",
      summary: "Send a test event to the listen sessions",
      description: "The catalogue's sample for the type, with \"test\": true, to every live listen session that takes the type; endpoints never receive it. At most 20 a minute.",
      security: PARTNER_SECURITY,
      requestBody: body("ListenTriggerRequest"),
      responses: { "202": ok("The test event and the sessions it goes to (empty: nobody is listening for it).", "ListenTriggerResult"), ...errors(400, 401, 403, 408, 413, 415, 422, 429) },
    },
  },
};

export const paths = {
  "/api/v1/orders": {
    post: {
      tags: ["Machine API"],
      operationId: "createOrder",
      summary: "Create (confirm) an order",
      description: "Records the order and its order_confirmed event, and queues one delivery per subscribed endpoint, in one transaction.",
      security: INGEST_SECURITY,
      parameters: [idempotency],
      requestBody: body("CreateOrderRequest"),
      responses: { "201": ok("The order, its first event and how many deliveries were queued.", "OrderCreated"), ...errors(400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 503) },
    },
    get: {
      tags: ["Orders"],
      operationId: "listOrders",
      summary: "Find orders",
      description: "The partner's orders, newest first. q matches the order ref, the last digits of the phone, the customer name or the tracking token.",
      security: PARTNER_SECURITY,
      parameters: [
        query("q", { type: "string", maxLength: 100 }, "Search text."),
        query("status", { type: "string", enum: ORDER_STATUSES }, "Current status."),
        query("cursor", { type: "string" }, "next_cursor of the previous page."),
        query("limit", { type: "integer", minimum: 1, maximum: 100 }, "Page size."),
      ],
      responses: { "200": ok("A page of orders.", "OrderList"), ...errors(401, 403, 422) },
    },
  },
  "/api/v1/orders/{orderId}": {
    get: {
      tags: ["Orders"],
      operationId: "getOrder",
      summary: "One order and its event timeline",
      security: PARTNER_SECURITY,
      parameters: [orderId],
      responses: { "200": ok("The order with every event's v2 payload, oldest first.", "Order"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/orders/{orderId}/events": {
    post: {
      tags: ["Machine API"],
      operationId: "recordOrderEvent",
      summary: "Record a status change",
      description:
        "Allowed transitions: confirmed → out_for_delivery → delivered | delivery_failed; delivery_failed → out_for_delivery; delivered → return_initiated. Anything else is 409 invalid_transition naming the allowed next events, and nothing is written.",
      security: INGEST_SECURITY,
      parameters: [orderId, idempotency],
      requestBody: body("OrderEventRequest"),
      responses: { "201": ok("The event as recorded and how many deliveries were queued.", "OrderEventRecorded"), ...errors(400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 503) },
    },
  },
  "/api/v1/endpoints": {
    get: { tags: ["Endpoints"], operationId: "listEndpoints", summary: "List endpoints", security: PARTNER_SECURITY, responses: { "200": ok("The partner's endpoints (no secrets) and the limit.", "EndpointList"), ...errors(401, 403) } },
    post: {
      tags: ["Endpoints"],
      operationId: "createEndpoint",
      summary: "Register an endpoint",
      description: `At most 5 per partner (409 limit_reached). HTTPS only in production; private, loopback and link-local addresses are refused (422).${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      requestBody: body("CreateEndpointRequest"),
      responses: { "201": ok("The endpoint and its signing secret, shown this once.", "EndpointWithSecret"), ...errors(400, 401, 403, 408, 409, 413, 415, 422) },
    },
  },
  "/api/v1/endpoints/{endpointId}": {
    get: { tags: ["Endpoints"], operationId: "getEndpoint", summary: "One endpoint", security: PARTNER_SECURITY, parameters: [endpointId], responses: { "200": ok("The endpoint (no secret).", "Endpoint"), ...errors(401, 403, 404) } },
    patch: {
      tags: ["Endpoints"],
      operationId: "updateEndpoint",
      summary: "Change an endpoint, or disable / re-enable it",
      description: `Absent keys are left as they are. {"enabled": false, "disabled_reason": "…"} pauses deliveries; {"enabled": true} resumes.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [endpointId],
      requestBody: body("UpdateEndpointRequest"),
      responses: { "200": ok("The endpoint after the change.", "Endpoint"), ...errors(400, 401, 403, 404, 408, 413, 415, 422) },
    },
    delete: {
      tags: ["Endpoints"],
      operationId: "deleteEndpoint",
      summary: "Delete an endpoint",
      description: `Deletes its secrets and deliveries and frees one of the five slots.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [endpointId],
      responses: { "200": ok("Deleted.", "EndpointDeleted"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/endpoints/{endpointId}/test": {
    get: {
      tags: ["Endpoints"],
      operationId: "previewTestEvent",
      summary: "Preview a test event",
      description: "The body and headers a test send would carry (signature shortened). Sends nothing.",
      security: PARTNER_SECURITY,
      parameters: [
        endpointId,
        query("event_type", { type: "string", enum: EVENT_TYPES }, "Which event to simulate (required)."),
        query("event_id", { type: "string", pattern: "^evt_test_" }, "Repeat a previous preview exactly."),
        query("occurred_at", { type: "string", format: "date-time" }, "Repeat a previous preview exactly."),
      ],
      responses: { "200": ok("The request a test send would make.", "TestEventPreview"), ...errors(401, 403, 404, 422) },
    },
    post: {
      tags: ["Endpoints"],
      operationId: "sendTestEvent",
      summary: "Send a test event",
      description: "Sends one signed synthetic event (`test: true`) and answers with what the endpoint answered. A failing endpoint is still 200 here: `success` says how it went. Test sends are not counted in health figures.",
      security: PARTNER_SECURITY,
      parameters: [endpointId],
      requestBody: body("TestEventRequest"),
      responses: { "200": ok("Status, latency, response excerpt and a hint.", "TestEventResult"), ...errors(400, 401, 403, 404, 408, 413, 415, 422, 429) },
    },
  },
  "/api/v1/endpoints/{endpointId}/check": {
    post: {
      tags: ["Endpoints"],
      operationId: "checkEndpoint",
      summary: "Run the endpoint check",
      description: `Sends three test events and judges the answers: a correctly signed event (must be 2xx), the same event again with the same webhook-id (must be 2xx: Waypoint retries), and an event with a wrong signature (must not be 2xx: your receiver verifies). Each step comes with a plain-language result and the fix. A failing endpoint is still 200 here: \`passed\` says how it went. The three requests count toward the test-send limit (20 a minute per endpoint) and are not counted in health figures.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [endpointId],
      responses: { "200": ok("Each step's result, status, latency, message and fix.", "EndpointCheck"), ...errors(401, 403, 404, 409, 429) },
    },
  },
  "/api/v1/endpoints/{endpointId}/rotate-secret": {
    post: {
      tags: ["Endpoints"],
      operationId: "rotateEndpointSecret",
      summary: "Rotate the signing secret",
      description: `The old secret keeps signing for 24 h (both signatures are sent) so receivers can roll over.${WRITER_NOTE}`,
      security: PARTNER_SECURITY,
      parameters: [endpointId],
      responses: { "200": ok("The new secret, shown this once, and when the old one stops.", "SecretRotated"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/events": {
    get: {
      tags: ["Events"],
      operationId: "listEvents",
      summary: "Event Log",
      description: `The newest events (at most ${EVENT_LOG_LIMIT}) with each delivery's status. An event's status is its worst delivery's: dead_lettered, then retrying, pending, delivered. A value outside a parameter's allowed values, or a parameter that is not one of these, is refused with 422 naming it (never ignored).`,
      security: PARTNER_SECURITY,
      parameters: [
        query("type", { type: "string", enum: EVENT_TYPES }, "Event type."),
        query("status", { type: "string", enum: FILTER_STATUSES }, "Event delivery status."),
        query("range", { type: "string", enum: TIME_RANGES }, "Relative window; or use from/to."),
        query("from", { type: "string", format: "date-time" }, "Window start (with timezone)."),
        query("to", { type: "string", format: "date-time" }, "Window end (with timezone)."),
        query("limit", { type: "integer", minimum: 1, maximum: EVENT_LOG_LIMIT }, `Default ${EVENT_LOG_LIMIT}.`),
      ],
      responses: { "200": ok("Matching events, newest first.", "EventLogPage"), ...errors(401, 403, 422) },
    },
  },
  "/api/v1/events/{eventId}": {
    get: {
      tags: ["Events"],
      operationId: "getEvent",
      summary: "One event with its full attempt history",
      security: PARTNER_SECURITY,
      parameters: [eventId],
      responses: { "200": ok("The payload, and per endpoint the body as sent and every attempt.", "EventDetail"), ...errors(401, 403, 404) },
    },
  },
  "/api/v1/deliveries/{deliveryId}/retry": {
    post: {
      tags: ["Events"],
      operationId: "retryDelivery",
      summary: "Retry one delivery now",
      security: PARTNER_SECURITY,
      parameters: [deliveryId],
      responses: { "200": ok("The attempt's result, or that it was queued.", "RetryResult"), ...errors(401, 403, 404, 409) },
    },
  },
  "/api/v1/deliveries/retry": {
    post: {
      tags: ["Events"],
      operationId: "retryFailedDeliveries",
      summary: "Retry every failed delivery matching a filter",
      security: PARTNER_SECURITY,
      requestBody: { ...body("BulkRetryRequest"), required: false },
      responses: { "202": ok("How many deliveries were queued; attempts run in the background.", "BulkRetryResult"), ...errors(400, 401, 403, 408, 413, 415, 422) },
    },
  },
  "/api/v1/health": {
    get: {
      tags: ["Health"],
      operationId: "getHealth",
      summary: "Endpoint health",
      description: "Per endpoint and overall: delivered vs failed attempts per bucket (hourly for 24h, 6-hourly for 7d), success rate, p95 latency, newest error, consecutive failures and dead-lettered deliveries. Test sends are not counted.",
      security: PARTNER_SECURITY,
      parameters: [query("range", { type: "string", enum: HEALTH_RANGES, default: "24h" }, "The window.")],
      responses: { "200": ok("The health report.", "HealthReport"), ...errors(401, 403, 422) },
    },
  },
  "/api/v1/support-bundles/{bundleId}": {
    get: {
      tags: ["Support"],
      operationId: "getSupportBundle",
      summary: "Download a support bundle",
      description:
        "A snapshot made from an event, an endpoint or an order in the dashboard (\"Download support bundle\" / \"Copy support link\"): the target with every delivery and attempt, the partner's endpoint settings without secrets (URLs without credentials or query values), alert settings and the last 24 h of health and SLA figures. Sent as a JSON attachment. Support opens the same bundle from its link in the console.",
      security: PARTNER_SECURITY,
      parameters: [pathParam("bundleId", "The sb_… id at the end of the support link.")],
      responses: { "200": { description: "The bundle (bundle_version 1).", ...jsonContent({ type: "object", required: ["bundle_version", "kind", "target_id", "partner", "endpoints", "health"] }) }, ...errors(401, 403, 404) },
    },
  },
  ...LISTEN_PATHS,
  "/api/v1/openapi.json": {
    get: {
      tags: ["Reference"],
      operationId: "getOpenApiDocument",
      summary: "This document",
      security: [],
      responses: { "200": { description: "OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
    },
  },
  "/api/v1/schemas/event-v2.json": {
    get: {
      tags: ["Reference"],
      operationId: "getEventV2JsonSchema",
      summary: "JSON Schema of the v2 webhook payload",
      description: "The same shape as components.schemas.WebhookEventV2, as a standalone JSON Schema (draft 2020-12) to validate received events with any JSON Schema validator. Generated from the definition Waypoint builds every payload with.",
      security: [],
      responses: { "200": { description: "JSON Schema (draft 2020-12).", content: { "application/schema+json": { schema: { type: "object" } } } } },
    },
  },
};
