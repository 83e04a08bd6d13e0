// The partner API's snake_case bodies and answers for `waypoint listen` (lib/listen/).
import { z } from "zod";
import { EVENT_TYPES, PAYLOAD_FORMATS, SCHEMA_VERSIONS } from "@/lib/events/catalog";
import { LISTEN_MAX_ATTEMPTS_PER_REPORT } from "@/lib/listen/rules";

export const createListenSessionBodySchema = z.strictObject({
  // Where the CLI forwards on the developer's machine. Waypoint never calls it (no SSRF guard
  // applies: the CLI does the POST), it is shown in the Event Log beside each CLI attempt.
  forward_to: z
    .string()
    .max(2000)
    .refine((v) => {
      try {
        return ["http:", "https:"].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, "must be an http:// or https:// URL, e.g. http://localhost:8080/webhooks"),
  // Absent or empty: every event type.
  events: z.array(z.enum(EVENT_TYPES)).max(EVENT_TYPES.length).optional(),
  format: z.enum(PAYLOAD_FORMATS).optional(),
  schema_version: z.enum(SCHEMA_VERSIONS).optional(),
});

export const listenAttemptsBodySchema = z.strictObject({
  attempts: z
    .array(
      z.strictObject({
        event_id: z.string().min(1).max(100),
        started_at: z.iso.datetime(),
        status_code: z.int().min(100).max(599).nullable(),
        latency_ms: z.int().min(0).max(3_600_000),
        error: z.string().max(1000).nullable().optional(),
        response_excerpt: z.string().max(2000).nullable().optional(),
      }),
    )
    .min(1)
    .max(LISTEN_MAX_ATTEMPTS_PER_REPORT),
});

export const triggerBodySchema = z.strictObject({ event_type: z.enum(EVENT_TYPES) });

export type ListenAttemptReport = z.output<typeof listenAttemptsBodySchema>["attempts"][number];
