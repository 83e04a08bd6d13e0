"use client";

import { useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { parseAsIsoDateTime, parseAsStringLiteral, useQueryStates } from "nuqs";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { TIME_RANGES } from "@/lib/event-log/filter";
import { ignoredFilters } from "@/lib/event-log/ignored-filters";
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
  // A value the parsers cannot use is dropped (the list is not filtered by it): say so.
  const searchParams = useSearchParams();
  const ignored = useMemo(() => ignoredFilters(new URLSearchParams(searchParams.toString()), view as EventLogView), [searchParams, view]);
  const router = useRouter();
  const pathname = usePathname();
  const dropIgnored = () => {
    const next = new URLSearchParams(searchParams.toString());
    for (const { param } of ignored) next.delete(param);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return { view: view as EventLogView, setView, clear, filtered, ignored, dropIgnored };
}
