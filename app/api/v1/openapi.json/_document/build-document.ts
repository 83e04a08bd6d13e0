// The OpenAPI 3.1 document of the partner API and the machine API, with the webhooks Waypoint
// sends. Built from the same zod schemas and constants the API uses (see schemas.ts).
import { parameters, responses, securitySchemes } from "./components";
import { intakePaths, intakeSchemas, intakeSecuritySchemes, intakeTags } from "./intake";
import { paths } from "./paths";
import { schemas } from "./schemas";

const WEBHOOK_HEADERS = ["WebhookId", "WebhookTimestamp", "WebhookSignature"].map((name) => ({ $ref: `#/components/parameters/${name}` }));

export function buildOpenApiDocument(appUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Waypoint API",
      version: "1.0.0",
      summary: "Order status in, signed partner webhooks out.",
      description:
        "Two audiences. The machine API (ingest keys) is where the OMS, dispatch system and rider app post orders and status changes. The partner API (partner keys, or the dashboard session) is where a partner manages endpoints, reads the Event Log, retries deliveries and checks health. Every error is `{error:{code,message,details?}}`.",
    },
    servers: [{ url: appUrl }],
    tags: [
      { name: "Machine API", description: "For the OMS, dispatch system and rider app. Ingest key." },
      { name: "Orders", description: "Look orders up. Partner key or session." },
      { name: "Endpoints", description: "Register, test and manage webhook endpoints (at most 5)." },
      { name: "Events", description: "The Event Log and manual retries." },
      { name: "Health", description: "Delivery health per endpoint." },
      { name: "Support", description: "Support bundles: an event, endpoint or order with its deliveries and attempts, for a ticket (no secrets)." },
      { name: "Listen (CLI)", description: "`waypoint listen`: this partner's events, signed with a per-session secret, streamed to a developer's terminal and forwarded to localhost." },
      ...intakeTags,
      { name: "Reference", description: "This document." },
    ],
    paths: { ...paths, ...intakePaths },
    webhooks: {
      orderEvent: {
        post: {
          summary: "An order status change, sent to every subscribed endpoint",
          description:
            "Signed per Standard Webhooks. A 2xx within the partner's timeout (default 10 s) is success; anything else is retried after 30 s, 2 min and 8 min (configurable per partner in Settings), then dead-lettered for manual retry. The payload is v2 or v1 and JSON or XML as the endpoint pins; `webhook-id` (= event_id) is stable across retries.",
          parameters: WEBHOOK_HEADERS,
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/WebhookEventV2" }, { $ref: "#/components/schemas/WebhookEventV1" }] } },
              "application/xml": { schema: { type: "string", description: "The same payload as XML, for endpoints that ask for it." } },
            },
          },
          responses: {
            "2XX": { description: "Received. Answer quickly; do the work after answering." },
            default: { description: "Any other answer, a redirect or no answer within the timeout is a failed attempt and will be retried." },
          },
        },
      },
    },
    components: { schemas: { ...schemas, ...intakeSchemas }, parameters, responses, securitySchemes: { ...securitySchemes, ...intakeSecuritySchemes } },
  };
}
