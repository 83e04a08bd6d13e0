"use client";

import { parseAsIsoDateTime, parseAsStringLiteral, useQueryStates } from "nuqs";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { TIME_RANGES } from "@/lib/event-log/filter";
import { FILTER_STATUSES } from "@/lib/event-log/status";
import type { EventLogView } from "@/lib/query/events";

// The Event Log's filters live in the URL (?type=&status=&range=&from=&to=), so a filtered view
// is a link that can be shared. Shallow updates: the list refetches through TanStack Query.
const parsers = {
  type: parseAsStringLiteral(EVENT_TYPES),
  status: parseAsStringLiteral(FILTER_STATUSES),
  range: parseAsStringLiteral([...TIME_RANGES, "custom"] as const),
  from: parseAsIsoDateTime,
  to: parseAsIsoDateTime,
};

export function useEventLogView() {
  const [view, setView] = useQueryStates(parsers, { history: "replace" });
  const clear = () => setView({ type: null, status: null, range: null, from: null, to: null });
  const filtered = Boolean(view.type || view.status || view.range);
  return { view: view as EventLogView, setView, clear, filtered };
}
