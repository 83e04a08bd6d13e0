// The health report's API shape: what GET /api/v1/health answers and what the Overview
// renders. Browser-safe, so lib/query/health.ts parses responses with the same schema.
import { z } from "zod";
import { HEALTH_RANGES } from "@/lib/health/range";

const isoDateTime = z.string();

export const HealthBucketSchema = z.object({
  start: isoDateTime,
  delivered: z.number().int(),
  failed: z.number().int(),
});

export const LastErrorSchema = z.object({
  at: isoDateTime,
  endpoint_id: z.string(),
  status_code: z.number().int().nullable(),
  message: z.string(),
});

export const HealthStatsSchema = z.object({
  attempts: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  /** delivered / attempts, 0–1; null when there were no attempts. */
  success_rate: z.number().nullable(),
  /** percentile_cont(0.95) of attempt latency in ms; null when there were no attempts. */
  p95_latency_ms: z.number().nullable(),
  /** Deliveries dead-lettered in the window that are still dead-lettered. */
  dead_lettered: z.number().int(),
  /** Failed attempts since the last successful one (per endpoint; overall: the worst endpoint). */
  consecutive_failures: z.number().int(),
  last_error: LastErrorSchema.nullable(),
  series: z.array(HealthBucketSchema),
});

/**
 * The receiver pushed back lately: it answered 429 or 503 within the last 15 minutes. Waypoint
 * then sends to it more slowly and waits at least its Retry-After (adaptive delivery), so its
 * deliveries may lag while nothing is lost.
 */
export const ThrottledSchema = z.object({
  /** 429/503 answers in the last 15 minutes. */
  answers: z.number().int(),
  since: isoDateTime,
  last_at: isoDateTime,
});

export const EndpointHealthSchema = HealthStatsSchema.extend({
  endpoint_id: z.string(),
  url: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  /** "Throttled by the receiver" (429/503 in the last 15 minutes), or null. */
  throttled: ThrottledSchema.nullable(),
});

export const HealthReportSchema = z.object({
  range: z.enum(HEALTH_RANGES),
  from: isoDateTime,
  to: isoDateTime,
  bucket_seconds: z.number().int(),
  generated_at: isoDateTime,
  overall: HealthStatsSchema,
  endpoints: z.array(EndpointHealthSchema),
});

export type HealthBucket = z.infer<typeof HealthBucketSchema>;
export type HealthStats = z.infer<typeof HealthStatsSchema>;
export type EndpointHealth = z.infer<typeof EndpointHealthSchema>;
export type Throttled = z.infer<typeof ThrottledSchema>;
export type HealthReport = z.infer<typeof HealthReportSchema>;
