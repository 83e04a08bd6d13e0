import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { actorFromRequest } from "@/lib/endpoints/actor";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { parseIntakeFilter, replayFailedIntakes } from "@/lib/intake/intake-log";

// POST /api/v1/intake-log/replay {source?, reason?, range?, q?}: every open, replayable failure
// that matches (at most 500, oldest first).
export const POST = route(async (request) => {
  const scope = await requireRequestScope(request);
  const filter = parseIntakeFilter(((await readJsonBody(request)) ?? {}) as Record<string, unknown>);
  return NextResponse.json(await replayFailedIntakes(scope.partnerId, filter, await actorFromRequest(scope)));
});
