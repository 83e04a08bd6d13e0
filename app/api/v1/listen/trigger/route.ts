import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { parseApiBody } from "@/lib/endpoints/api-shape";
import { triggerBodySchema } from "@/lib/listen/api-shape";
import { triggerListenTestEvent } from "@/lib/listen/trigger";

// POST /api/v1/listen/trigger {"event_type": "delivered"}: a test event ("test": true) to every
// live listen session of this partner that takes the type; endpoints never get it.
export const POST = route(async (request) => {
  const scope = await requireRequestScope(request);
  const { event_type } = parseApiBody(triggerBodySchema, await readJsonBody(request));
  const result = await triggerListenTestEvent(scope.partnerId, event_type);
  return NextResponse.json({ event_id: result.eventId, event: result.eventType, sessions: result.sessions }, { status: 202 });
});
