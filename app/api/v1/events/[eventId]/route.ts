import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { getEventDetail } from "@/lib/event-log/get-event";
import { toEventDetailJson } from "@/lib/event-log/to-api-shape";
import { route } from "@/lib/http/route";

// GET /api/v1/events/{eventId}: the event's payload, and per endpoint the body as sent and
// every attempt (partner key or session). Another partner's event is a 404.
export const GET = route<{ params: Promise<{ eventId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const event = await getEventDetail(scope.partnerId, (await params).eventId);
  return NextResponse.json(toEventDetailJson(event), { headers: { "cache-control": "no-store" } });
});
