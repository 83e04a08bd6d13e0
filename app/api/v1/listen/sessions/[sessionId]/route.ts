import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { findListenSession, stopListenSession, toListenSessionJson } from "@/lib/listen/sessions";

type Ctx = { params: Promise<{ sessionId: string }> };

// GET /api/v1/listen/sessions/{id}: one session of this partner (another partner's is a 404).
export const GET = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const session = await findListenSession(scope.partnerId, (await params).sessionId);
  return NextResponse.json(toListenSessionJson(session), { headers: { "cache-control": "no-store" } });
});

// DELETE /api/v1/listen/sessions/{id}: ends the session (the CLI on Ctrl-C); its stream closes.
export const DELETE = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const session = await stopListenSession(scope.partnerId, (await params).sessionId);
  return NextResponse.json(toListenSessionJson(session));
});
