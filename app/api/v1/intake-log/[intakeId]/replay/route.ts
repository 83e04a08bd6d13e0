import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { actorFromRequest } from "@/lib/endpoints/actor";
import { route } from "@/lib/http/route";
import { replayIntake } from "@/lib/intake/intake-log";

// POST /api/v1/intake-log/{intakeId}/replay: a rejected or failed intake, run again with the
// source's current mapping and settings.
export const POST = route<{ params: Promise<{ intakeId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  return NextResponse.json(await replayIntake(scope.partnerId, (await params).intakeId, await actorFromRequest(scope)));
});
