// What part of an Event Log link was not applied, and why: the dashboard reads its filters from
// the URL and drops a value it cannot use (`?status=failed`), which would otherwise look like an
// unfiltered answer to the filtered question. Browser-safe.
import { EVENT_TYPES } from "@/lib/events/catalog";
import { TIME_RANGES } from "@/lib/event-log/filter";
import { FILTER_STATUSES } from "@/lib/event-log/status";
import type { EventLogView } from "@/lib/query/events";

/** The Event Log page's URL parameters (range=custom goes with from/to). */
export const EVENT_LOG_URL_PARAMS = ["type", "status", "range", "from", "to"] as const;
type UrlParam = (typeof EVENT_LOG_URL_PARAMS)[number];

const ALLOWED: Partial<Record<UrlParam, readonly string[]>> = {
  type: EVENT_TYPES,
  status: FILTER_STATUSES,
  range: [...TIME_RANGES, "custom"],
};

export type IgnoredFilter = { param: string; value: string; reason: string };

const isUrlParam = (name: string): name is UrlParam => (EVENT_LOG_URL_PARAMS as readonly string[]).includes(name);

/**
 * Each parameter of the link that the list is not filtered by: an unknown name, a value that is
 * not one of the allowed ones, a date that does not parse, or from/to without range=custom.
 * `applied` is what the page actually uses (the parsed view); an empty value means "no filter".
 */
export function ignoredFilters(raw: URLSearchParams, applied: EventLogView): IgnoredFilter[] {
  const ignored: IgnoredFilter[] = [];
  for (const [param, value] of raw.entries()) {
    if (value === "") continue;
    if (!isUrlParam(param)) {
      ignored.push({ param, value, reason: `is not an Event Log filter. The filters are ${EVENT_LOG_URL_PARAMS.join(", ")}.` });
      continue;
    }
    const allowed = ALLOWED[param];
    if (allowed) {
      if (applied[param] === null || !allowed.includes(value)) ignored.push({ param, value, reason: `is not one of the allowed values: ${allowed.join(", ")}.` });
    } else if (applied[param] === null) {
      ignored.push({ param, value, reason: "is not a date-time. Use ISO-8601 with a timezone, e.g. 2026-05-01T14:30:00Z." });
    } else if (applied.range !== "custom") {
      ignored.push({ param, value, reason: "applies only with range=custom (Time: Custom range…)." });
    }
  }
  return ignored;
}
