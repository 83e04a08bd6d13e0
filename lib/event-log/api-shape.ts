// The JSON the Event Log API answers (snake_case), as zod schemas: the route handlers build
// it (to-api-shape.ts), the browser parses it (lib/query/events.ts). Browser-safe.
import { z } from "zod";
import { EVENT_TYPES, PAYLOAD_FORMATS, SCHEMA_VERSIONS } from "@/lib/events/catalog";
import { DELIVERY_STATUSES, EVENT_LOG_STATUSES } from "@/lib/event-log/status";

const iso = z.string();

export const EventLogDeliveryJson = z.object({
  delivery_id: z.string(),
  endpoint_id: z.string(),
  endpoint_url: z.string(),
  endpoint_description: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempt_count: z.number(),
  next_attempt_at: iso.nullable(),
  last_error: z.string().nullable(),
});

export const EventLogItemJson = z.object({
  event_id: z.string(),
  event: z.enum(EVENT_TYPES),
  order_id: z.string(),
  merchant_order_ref: z.string(),
  created_at: iso,
  occurred_at: iso,
  status: z.enum(EVENT_LOG_STATUSES),
  attempts: z.number(),
  deliveries: z.array(EventLogDeliveryJson),
  /** Forwards by `waypoint listen` sessions (CLI session attempts); never counted in `attempts` or health. */
  cli_attempts: z.number(),
});

export const EventLogPageJson = z.object({
  events: z.array(EventLogItemJson),
  limit: z.number(),
  /** Deliveries "Retry all failed" would send again for this same filter. */
  failed_deliveries: z.number(),
});

export const AttemptJson = z.object({
  attempt_id: z.string(),
  started_at: iso,
  trigger: z.enum(["automatic", "manual", "test"]),
  triggered_by: z.object({ name: z.string(), email: z.string() }).nullable(),
  success: z.boolean(),
  status_code: z.number().nullable(),
  latency_ms: z.number(),
  error_class: z.string().nullable(),
  error_message: z.string().nullable(),
  response_excerpt: z.string().nullable(),
});

export const EventDeliveryJson = z.object({
  delivery_id: z.string(),
  endpoint: z.object({
    endpoint_id: z.string(),
    url: z.string(),
    description: z.string(),
    format: z.enum(PAYLOAD_FORMATS),
    schema_version: z.enum(SCHEMA_VERSIONS),
    enabled: z.boolean(),
  }),
  status: z.enum(DELIVERY_STATUSES),
  attempt_count: z.number(),
  next_attempt_at: iso.nullable(),
  last_attempt_at: iso.nullable(),
  delivered_at: iso.nullable(),
  dead_lettered_at: iso.nullable(),
  last_error: z.string().nullable(),
  /** The body as this endpoint receives it (its format and schema version); null if the stored payload cannot be rendered. */
  request: z.object({ content_type: z.string(), body: z.string() }).nullable(),
  attempts: z.array(AttemptJson),
});

/** One forward of this event by a `waypoint listen` session to the developer's local server, as the CLI reported it. */
export const CliAttemptJson = z.object({
  attempt_id: z.string(),
  session_id: z.string(),
  forward_to: z.string(),
  started_at: iso,
  success: z.boolean(),
  status_code: z.number().nullable(),
  latency_ms: z.number(),
  error_message: z.string().nullable(),
  response_excerpt: z.string().nullable(),
});

export const EventDetailJson = EventLogItemJson.omit({ attempts: true, cli_attempts: true }).extend({
  /** 1, 2, 3 … per order, in the order its events were recorded (also payload.sequence). */
  sequence: z.int().min(1),
  /** The canonical v2 payload every rendering derives from. */
  payload: z.unknown(),
  deliveries: z.array(EventDeliveryJson),
  /** Attempts by `waypoint listen` sessions (marked "CLI session"; outside deliveries and health). */
  cli_attempts: z.array(CliAttemptJson),
});

export const RetryResultJson = z.object({
  delivery_id: z.string(),
  /** "sent": attempted now, the result is here; "queued": the delivery engine (Inngest) runs it shortly. */
  mode: z.enum(["sent", "queued"]),
  outcome: z.enum(["delivered", "failed"]).nullable(),
  message: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempt: AttemptJson.nullable(),
});

export const BulkRetryJson = z.object({
  queued: z.number(),
  mode: z.enum(["background", "queued"]),
  message: z.string(),
});

export type EventLogDeliveryJson = z.infer<typeof EventLogDeliveryJson>;
export type EventLogItemJson = z.infer<typeof EventLogItemJson>;
export type EventLogPageJson = z.infer<typeof EventLogPageJson>;
export type AttemptJson = z.infer<typeof AttemptJson>;
export type CliAttemptJson = z.infer<typeof CliAttemptJson>;
export type EventDeliveryJson = z.infer<typeof EventDeliveryJson>;
export type EventDetailJson = z.infer<typeof EventDetailJson>;
export type RetryResultJson = z.infer<typeof RetryResultJson>;
export type BulkRetryJson = z.infer<typeof BulkRetryJson>;
