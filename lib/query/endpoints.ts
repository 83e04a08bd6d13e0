// Browser-side reads for the endpoints feature, through the partner API. The factory owns the
// cache key; mutations invalidate through endpointKeys. No server imports here.
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import type { EventType } from "@/lib/events/catalog";
import type { TestRequestPreview } from "@/lib/endpoints/view";

export const endpointKeys = {
  all: ["endpoints"] as const,
  // `version` (the endpoint's updatedAt) changes with its URL, format or schema version, so
  // an edited endpoint never shows a preview rendered for its old settings.
  testPreview: (endpointId: string, version: string, eventType: EventType) => ["endpoints", endpointId, "test-preview", version, eventType] as const,
};

const previewSchema = z.object({
  url: z.string(),
  event_id: z.string(),
  occurred_at: z.string(),
  content_type: z.string(),
  body: z.string(),
  headers: z.record(z.string(), z.string()),
});

const errorSchema = z.object({ error: z.object({ message: z.string() }) });

/** GET /api/v1/endpoints/{id}/test?event_type=…: the exact request a test send would make. */
export async function fetchTestPreview(endpointId: string, eventType: EventType): Promise<TestRequestPreview> {
  const res = await fetch(`/api/v1/endpoints/${encodeURIComponent(endpointId)}/test?event_type=${eventType}`, { headers: { accept: "application/json" } });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(errorSchema.safeParse(json).data?.error.message ?? `Could not load the preview (HTTP ${res.status}).`);
  const p = previewSchema.parse(json);
  return { url: p.url, eventId: p.event_id, occurredAt: p.occurred_at, contentType: p.content_type, body: p.body, headers: p.headers };
}

/**
 * Kept until a send invalidates it: the preview's event id and time are what the next send
 * repeats, so the payload sent is the payload shown.
 */
export const testPreviewQueryOptions = (endpointId: string, version: string, eventType: EventType) =>
  queryOptions({
    queryKey: endpointKeys.testPreview(endpointId, version, eventType),
    queryFn: () => fetchTestPreview(endpointId, eventType),
    staleTime: Infinity,
  });
