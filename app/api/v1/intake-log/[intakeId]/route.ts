import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { getIntakeEntry } from "@/lib/intake/intake-log";

// GET /api/v1/intake-log/{intakeId}: one request with its headers (secrets removed) and body.
export const GET = route<{ params: Promise<{ intakeId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  return NextResponse.json(await getIntakeEntry(scope.partnerId, (await params).intakeId));
});
