// components: security schemes, shared parameters and error responses. Schemas are in schemas.ts.
import { API_BODY_LIMITS, formatBytes } from "@/lib/http/body";
import { ref } from "./helpers";

export const securitySchemes = {
  partnerKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "wp_live_…",
    description: "A partner API key (Settings → Partner API keys), for a partner's own automation. Acts on that partner's data only; another partner's ids answer 404.",
  },
  ingestKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "wp_ingest_…",
    description: "An ingest key for the OMS, dispatch system or rider app (issued by Waypoint support). A key bound to one partner may omit partner_id; an unbound key must send it. A partner key here answers 403.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The dashboard's session cookie (signed-in browser). Support staff act on the partner chosen in the partner switcher.",
  },
};

export const parameters = {
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "Makes a retried POST safe. The first request with a key runs; a repeat with the same key and the same body answers the stored response again (header `idempotent-replayed: true`) and writes nothing; the same key with a different request answers 409. 1–255 of letters, digits, `_ . : -`.",
    schema: { type: "string", pattern: "^[\\w.:-]{1,255}$" },
  },
  WebhookId: {
    name: "webhook-id",
    in: "header",
    required: true,
    description: "The event_id: the same on every retry of the same event, so receivers can de-duplicate.",
    schema: { type: "string" },
  },
  WebhookTimestamp: {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    description: "Unix seconds when this attempt was signed. Reject values far from your clock to stop replays.",
    schema: { type: "string", pattern: "^\\d+$" },
  },
  WebhookSignature: {
    name: "webhook-signature",
    in: "header",
    required: true,
    description:
      "Space-separated `v1,<base64 HMAC-SHA256>` signatures of `{webhook-id}.{webhook-timestamp}.{body}` with the endpoint's `whsec_` secret (Standard Webhooks). During a secret rotation two are sent; accept either.",
    schema: { type: "string" },
  },
};

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

export const responses = {
  BadRequest: errorResponse("The request is malformed (e.g. the body is not JSON, or a bad Idempotency-Key)."),
  Unauthorized: errorResponse("No credentials, or the API key is unknown or revoked."),
  Forbidden: errorResponse("The credentials are valid but not for this: the wrong kind of key, or a role that may not change this."),
  NotFound: errorResponse("No such resource for this partner (another partner's ids are indistinguishable from missing ones)."),
  Conflict: errorResponse("Conflicts with the current state: an invalid status transition, a duplicate, a reached limit, or a reused Idempotency-Key (codes conflict, invalid_transition, limit_reached)."),
  RequestTimeout: errorResponse(`The body did not arrive within ${API_BODY_LIMITS.timeoutMs / 1000} s of the request being accepted; the connection is closed.`),
  PayloadTooLarge: errorResponse(
    `The body is larger than the ${formatBytes(API_BODY_LIMITS.maxBytes)} (${API_BODY_LIMITS.maxBytes} bytes) this API accepts (\`details.limit_bytes\`), declared or counted while reading; the connection is closed.`,
  ),
  UnsupportedMediaType: errorResponse("The body is declared as something other than JSON: send `Content-Type: application/json` (UTF-8)."),
  ValidationFailed: errorResponse("The body or query fails validation; `message` names every bad field and `details.issues` lists them."),
  RateLimited: errorResponse("Too many requests; retry after the `Retry-After` header's seconds."),
  Overloaded: errorResponse(
    "Waypoint is receiving more than it can record right now (code `overloaded`): nothing was recorded. Retry after the `Retry-After` header's seconds; with the same Idempotency-Key a retry can never record the change twice.",
  ),
};
