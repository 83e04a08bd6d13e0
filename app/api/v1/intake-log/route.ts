import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { intakeFailureGroups, listIntakeLog, parseIntakeFilter } from "@/lib/intake/intake-log";

// GET /api/v1/intake-log?source=&outcome=&reason=&range=&q=&limit=: open failures grouped by
// reason (most orders affected first) and the matching requests, newest first.
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const filter = parseIntakeFilter(Object.fromEntries(new URL(request.url).searchParams));
  const [failures, entries] = await Promise.all([intakeFailureGroups(scope.partnerId, filter), listIntakeLog(scope.partnerId, filter)]);
  return NextResponse.json({ failures, entries });
});
