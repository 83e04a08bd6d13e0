// The partner API's snake_case view of endpoints. The request schemas reuse the field rules
// in rules.ts, so the API and the dashboard form can never accept different things.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { parseInput } from "@/lib/events/zod-errors";
import { endpointFieldsSchema, endpointPatchSchema, type EndpointFields, type EndpointPatch } from "@/lib/endpoints/rules";
import type { EndpointView, TestRequestPreview, TestSendResult } from "@/lib/endpoints/view";

const f = endpointFieldsSchema.shape;
const p = endpointPatchSchema.shape;

// A broker destination in the API: { exchange, routing_key } for RabbitMQ, { subject } for NATS.
const apiDestination = z.strictObject({ exchange: z.string().optional(), routing_key: z.string().optional(), subject: z.string().optional() }).nullable();
const fromApiDestination = (d: z.output<typeof apiDestination> | undefined) =>
  d === undefined ? undefined : d === null ? null : Object.fromEntries(Object.entries({ exchange: d.exchange, routingKey: d.routing_key, subject: d.subject }).filter(([, v]) => v !== undefined));

export const createEndpointBodySchema = z
  .strictObject({
    url: f.url,
    description: f.description,
    event_types: f.eventTypes,
    format: f.format,
    schema_version: f.schemaVersion,
    rate_limit_per_second: f.rateLimitPerSecond,
    destination_type: f.destinationType,
    destination: apiDestination.optional(),
    credentials: f.credentials,
  })
  .transform(
    (b): EndpointFields => ({
      url: b.url,
      description: b.description,
      eventTypes: b.event_types,
      format: b.format,
      schemaVersion: b.schema_version,
      rateLimitPerSecond: b.rate_limit_per_second,
      destinationType: b.destination_type,
      destination: fromApiDestination(b.destination),
      credentials: b.credentials,
    }),
  );

export const patchEndpointBodySchema = z
  .strictObject({
    url: p.url,
    description: p.description,
    event_types: p.eventTypes,
    format: p.format,
    schema_version: p.schemaVersion,
    rate_limit_per_second: p.rateLimitPerSecond,
    enabled: p.enabled,
    disabled_reason: p.disabledReason,
    destination_type: p.destinationType,
    destination: apiDestination.optional(),
    credentials: p.credentials,
  })
  .transform((b): EndpointPatch => {
    const patch: EndpointPatch = {
      url: b.url,
      description: b.description,
      eventTypes: b.event_types,
      format: b.format,
      schemaVersion: b.schema_version,
      rateLimitPerSecond: b.rate_limit_per_second,
      enabled: b.enabled,
      disabledReason: b.disabled_reason,
      destinationType: b.destination_type,
      destination: fromApiDestination(b.destination),
      credentials: b.credentials,
    };
    // An absent key means "leave as is": drop the undefineds so the update touches nothing else.
    return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as EndpointPatch;
  });

export const testEventBodySchema = z.strictObject({
  event_type: z.enum(EVENT_TYPES),
  // Optional: repeat a previewed payload exactly (GET …/test returns both).
  event_id: z.string().regex(/^evt_test_[A-Za-z0-9]{1,64}$/, "must be an evt_test_… id from the preview").optional(),
  occurred_at: z.iso.datetime().optional(),
});

export function toApiEndpoint(e: EndpointView) {
  return {
    id: e.id,
    url: e.url,
    destination_type: e.destinationType,
    destination: toApiDestination(e),
    // Never the password, token or .creds file: only which kind is stored (and the user name).
    credentials: e.credentials,
    description: e.description,
    event_types: e.eventTypes,
    format: e.format,
    schema_version: e.schemaVersion,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    disabled_at: e.disabledAt,
    rate_limit_per_second: e.rateLimitPerSecond,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    // Never the secret itself: only whether one exists and when it last changed.
    signing_secret: e.secret
      ? { masked: "whsec_••••", created_at: e.secret.createdAt, previous_expires_at: e.secret.previousExpiresAt }
      : null,
  };
}

function toApiDestination(e: EndpointView) {
  const d = e.destination;
  if (!d) return null;
  return "exchange" in d ? { exchange: d.exchange, routing_key: d.routingKey } : { subject: d.subject };
}

export function toApiPreview(r: TestRequestPreview) {
  return { url: r.url, event_id: r.eventId, occurred_at: r.occurredAt, content_type: r.contentType, body: r.body, headers: r.headers };
}

export function toApiTestResult(r: TestSendResult) {
  return {
    attempt_id: r.attemptId,
    sent_at: r.sentAt,
    success: r.success,
    status_code: r.statusCode,
    latency_ms: r.latencyMs,
    error_class: r.errorClass,
    error_message: r.errorMessage,
    response_excerpt: r.responseExcerpt,
    response_headers: r.responseHeaders,
    hint: r.hint,
    request: toApiPreview(r.request),
  };
}

/** Parses a request body with the API's friendly messages; a bad body is a 422 naming each field. */
export function parseApiBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = parseInput(schema, body ?? {});
  if (!result.ok) throw new AppError("validation_failed", result.message, { issues: result.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  return result.data;
}
