// The Event Log filter: what the dashboard URL, `GET /api/v1/events` and the bulk retry body
// accept, validated once here. Browser-safe (the dashboard builds its requests from it).
import { z } from "zod";
import { EVENT_TYPES, type EventType } from "@/lib/events/catalog";
import { FILTER_STATUSES, type FilterStatus } from "@/lib/event-log/status";

/** The SPEC's "last 500 events": the most any list (and any bulk retry) covers. */
export const EVENT_LOG_LIMIT = 500;

export const TIME_RANGES = ["1h", "24h", "7d"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];
export const TIME_RANGE_MS: Record<TimeRange, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };
export const TIME_RANGE_LABELS: Record<TimeRange, string> = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days" };

const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(", ")}` });
const isoDateTime = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time with a timezone, e.g. 2026-05-01T14:30:00Z" });

// Query strings carry "" for a cleared field (`?type=`): that means "no filter", not an error.
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Every filter the API takes; any other name is refused, never silently ignored. */
export const EVENT_LOG_QUERY_PARAMS = ["type", "status", "range", "from", "to", "limit"] as const;

export const EventLogQuerySchema = z
  .object({
    type: optional(z.enum(EVENT_TYPES, oneOf(EVENT_TYPES))),
    status: optional(z.enum(FILTER_STATUSES, oneOf(FILTER_STATUSES))),
    range: optional(z.enum(TIME_RANGES, oneOf(TIME_RANGES))),
    from: optional(isoDateTime),
    to: optional(isoDateTime),
    limit: optional(z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(EVENT_LOG_LIMIT, `must be at most ${EVENT_LOG_LIMIT}`)),
  })
  // Unknown names are kept so the check below can name them: a misspelt one (`stauts=failed`)
  // would otherwise filter by nothing and look like an answer to the question asked.
  .loose()
  .superRefine((q, ctx) => {
    for (const key of Object.keys(q)) {
      if (!(EVENT_LOG_QUERY_PARAMS as readonly string[]).includes(key)) ctx.addIssue({ code: "custom", path: [key], message: `is not a filter; the filters are ${EVENT_LOG_QUERY_PARAMS.join(", ")}` });
    }
    if (q.range && (q.from || q.to)) ctx.addIssue({ code: "custom", path: ["range"], message: "use either range or from/to, not both" });
    if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from)) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  });
export type EventLogQuery = z.infer<typeof EventLogQuerySchema>;

/** What the query function filters by: a resolved time window, never a relative range. */
export type EventLogFilter = { type?: EventType; status?: FilterStatus; from?: Date; to?: Date };

/** Parses query-string or JSON input (throws ZodError → 422 naming the field) and resolves ranges against `now`. */
export function parseEventLogFilter(input: unknown, now = new Date()): { filter: EventLogFilter; limit: number } {
  const q = EventLogQuerySchema.parse(input ?? {});
  const from = q.range ? new Date(now.getTime() - TIME_RANGE_MS[q.range]) : q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  return { filter: { type: q.type, status: q.status, from, to }, limit: q.limit ?? EVENT_LOG_LIMIT };
}

export const searchParamsToObject = (params: URLSearchParams) => Object.fromEntries(params.entries());
