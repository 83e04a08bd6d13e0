import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { parseEventLogFilter, searchParamsToObject } from "@/lib/event-log/filter";
import { listEventLog } from "@/lib/event-log/list-events";
import { toEventLogPageJson } from "@/lib/event-log/to-api-shape";
import { route } from "@/lib/http/route";

// GET /api/v1/events?type=&status=&range=1h|24h|7d&from=&to=&limit=: the partner's newest
// events (at most 500) matching the filter, with each delivery's status (partner key or session).
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const { filter, limit } = parseEventLogFilter(searchParamsToObject(new URL(request.url).searchParams));
  const page = await listEventLog(scope.partnerId, filter, { limit });
  return NextResponse.json(toEventLogPageJson(page), { headers: { "cache-control": "no-store" } });
});
