// The shape support reads back from a bundle (a stored one, or a JSON file a partner attached to
// a ticket): checked before it is shown. Browser-safe. Unknown keys are kept (raw view).
import { z } from "zod";

const attempt = z.looseObject({ started_at: z.string(), trigger: z.string(), success: z.boolean(), status_code: z.number().nullable(), latency_ms: z.number(), error_message: z.string().nullable() });
const delivery = z.looseObject({ id: z.string(), endpoint_id: z.string(), status: z.string(), attempt_count: z.number(), last_error: z.string().nullable(), attempts: z.array(attempt) });
const event = z.looseObject({ id: z.string(), type: z.string(), occurred_at: z.string(), payload: z.unknown().optional(), deliveries: z.array(delivery) });

export const SupportBundleSchema = z.looseObject({
  bundle_version: z.literal(1),
  kind: z.enum(["event", "endpoint", "order"]),
  target_id: z.string(),
  created_at: z.string(),
  partner: z.looseObject({ id: z.string(), name: z.string(), tier: z.string() }),
  event: event.optional(),
  order: z.looseObject({ id: z.string(), merchant_order_ref: z.string(), status: z.string(), events: z.array(event) }).optional(),
  endpoint: z.looseObject({ id: z.string(), recent_deliveries: z.array(delivery) }).optional(),
  endpoints: z.array(z.looseObject({ id: z.string(), url: z.string(), enabled: z.boolean(), schema_version: z.string(), format: z.string(), event_types: z.array(z.string()), disabled_reason: z.string().nullable() })),
  health: z.looseObject({ overall: z.looseObject({ attempts: z.number(), success_rate: z.number().nullable(), p95_latency_ms: z.number().nullable(), dead_lettered: z.number() }).nullable() }),
  sla_24h: z.looseObject({ delivered: z.number(), p95Ms: z.number().nullable(), deadLettersOpen: z.number() }),
});
export type SupportBundleView = z.infer<typeof SupportBundleSchema>;
