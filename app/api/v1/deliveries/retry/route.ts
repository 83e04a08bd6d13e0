import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { retryFailedDeliveries } from "@/lib/delivery/retry";
import { parseEventLogFilter } from "@/lib/event-log/filter";
import { actorFromRequest } from "@/lib/endpoints/actor";
import { toBulkRetryJson } from "@/lib/event-log/to-api-shape";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";

// POST /api/v1/deliveries/retry {type?, status?, range? | from?, to?}: retries every failed
// (retrying or dead-lettered) delivery of the events GET /api/v1/events lists for the same
// filter (newest 500). Answers 202 with the count at once; the attempts run in the background.
export const POST = route(async (request) => {
  const scope = await requireRequestScope(request);
  const { filter } = parseEventLogFilter((await readJsonBody(request)) ?? {});
  const result = await retryFailedDeliveries(scope, filter, await actorFromRequest(scope));
  return NextResponse.json(toBulkRetryJson(result), { status: 202 });
});
