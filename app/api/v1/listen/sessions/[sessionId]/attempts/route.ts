import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { parseApiBody } from "@/lib/endpoints/api-shape";
import { listenAttemptsBodySchema } from "@/lib/listen/api-shape";
import { recordListenAttempts } from "@/lib/listen/attempts";

type Ctx = { params: Promise<{ sessionId: string }> };

// POST /api/v1/listen/sessions/{id}/attempts {"attempts": [{event_id, started_at, status_code,
// latency_ms, error?, response_excerpt?}]}: what the CLI's forwards to the local server got back.
// Recorded once per event and session, shown in the Event Log as CLI session attempts.
export const POST = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const body = parseApiBody(listenAttemptsBodySchema, await readJsonBody(request));
  const result = await recordListenAttempts(scope.partnerId, (await params).sessionId, body.attempts);
  return NextResponse.json(result);
});
