// lib/query owns the browser's reads: fetchers and queryOptions factories (cache keys, polling) per feature.

// Browser-side reads for the Event Log, through the partner API: fetchers that zod-parse the
// answer and the queryOptions factories that own the cache keys. Both poll, so new events,
// status changes and automatic retries appear without a reload. No server imports here.
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { EventType } from "@/lib/events/catalog";
import type { TimeRange } from "@/lib/event-log/filter";
import type { FilterStatus } from "@/lib/event-log/status";
import { EventDetailJson, EventLogPageJson } from "@/lib/event-log/api-shape";

/** How often the open list and detail page ask for changes. */
export const EVENT_LOG_POLL_MS = 2_000;

/** The filter as the URL holds it (nuqs): a relative range is resolved by the server on each poll. */
export type EventLogView = {
  type: EventType | null;
  status: FilterStatus | null;
  range: TimeRange | "custom" | null;
  from: Date | null;
  to: Date | null;
};

/** The request body / query of the Event Log API for a view (also what "Retry all failed" sends). */
export function eventLogQuery(view: EventLogView): Record<string, string> {
  const q: Record<string, string> = {};
  if (view.type) q.type = view.type;
  if (view.status) q.status = view.status;
  if (view.range && view.range !== "custom") q.range = view.range;
  if (view.range === "custom" && view.from) q.from = view.from.toISOString();
  if (view.range === "custom" && view.to) q.to = view.to.toISOString();
  return q;
}

export const eventKeys = {
  all: ["events"] as const,
  lists: () => [...eventKeys.all, "list"] as const,
  list: (query: Record<string, string>) => [...eventKeys.lists(), query] as const,
  detail: (eventId: string) => [...eventKeys.all, "detail", eventId] as const,
};

async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `The Event Log could not be loaded (HTTP ${res.status}).`);
  }
  return schema.parse(body);
}

export const fetchEventLog = (query: Record<string, string>, signal?: AbortSignal) =>
  getJson(`/api/v1/events?${new URLSearchParams(query)}`, EventLogPageJson, signal);

export const fetchEventDetail = (eventId: string, signal?: AbortSignal) =>
  getJson(`/api/v1/events/${encodeURIComponent(eventId)}`, EventDetailJson, signal);

export const eventLogQueryOptions = (view: EventLogView) => {
  const query = eventLogQuery(view);
  return queryOptions({
    queryKey: eventKeys.list(query),
    queryFn: ({ signal }) => fetchEventLog(query, signal),
    refetchInterval: EVENT_LOG_POLL_MS,
    // Changing a filter keeps the old rows on screen (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
};

export const eventDetailQueryOptions = (eventId: string) =>
  queryOptions({
    queryKey: eventKeys.detail(eventId),
    queryFn: ({ signal }) => fetchEventDetail(eventId, signal),
    refetchInterval: EVENT_LOG_POLL_MS,
  });
