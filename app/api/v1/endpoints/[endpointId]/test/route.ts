import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { actorFromRequest } from "@/lib/endpoints/actor";
import { previewTestEvent } from "@/lib/endpoints/preview-test-event";
import { sendTestEvent } from "@/lib/endpoints/send-test-event";
import { parseApiBody, testEventBodySchema, toApiPreview, toApiTestResult } from "@/lib/endpoints/api-shape";

type Ctx = { params: Promise<{ endpointId: string }> };

// GET /api/v1/endpoints/{id}/test?event_type=delivered: the body and headers a test send
// would carry (signature shortened). Sends nothing. The dashboard's preview reads this.
export const GET = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const spec = parseApiBody(testEventBodySchema, query);
  const preview = await previewTestEvent(scope.partnerId, (await params).endpointId, {
    eventType: spec.event_type,
    eventId: spec.event_id,
    occurredAt: spec.occurred_at ? new Date(spec.occurred_at) : undefined,
  });
  return NextResponse.json(toApiPreview(preview));
});

// POST /api/v1/endpoints/{id}/test {"event_type": "delivered"}: sends one signed test event
// and answers with what the endpoint answered (status, latency, excerpt) and a hint.
// The endpoint's failure is still a 200 here: the test ran; `success` says how it went.
export const POST = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await actorFromRequest(scope);
  const spec = parseApiBody(testEventBodySchema, await readJsonBody(request));
  const result = await sendTestEvent(
    scope.partnerId,
    (await params).endpointId,
    { eventType: spec.event_type, eventId: spec.event_id, occurredAt: spec.occurred_at ? new Date(spec.occurred_at) : undefined },
    actor,
  );
  return NextResponse.json(toApiTestResult(result));
});
