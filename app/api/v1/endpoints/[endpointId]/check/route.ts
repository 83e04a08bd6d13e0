import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { actorFromRequest } from "@/lib/endpoints/actor";
import { toApiCheck } from "@/lib/endpoints/check-api-shape";
import { runEndpointCheck } from "@/lib/endpoints/check-endpoint";

// POST /api/v1/endpoints/{id}/check: the endpoint check (signed event, replay, wrong signature),
// answered with each step's result and fix. A failing endpoint is still a 200: the check ran;
// `passed` says how it went. Writers only: it records the partner's onboarding progress.
export const POST = route<{ params: Promise<{ endpointId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await actorFromRequest(scope);
  const check = await runEndpointCheck(scope.partnerId, (await params).endpointId, actor);
  return NextResponse.json(toApiCheck(check));
});
