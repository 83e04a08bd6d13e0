import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { parseApiBody } from "@/lib/endpoints/api-shape";
import { createListenSessionBodySchema } from "@/lib/listen/api-shape";
import { createListenSession, listListenSessions, toListenSessionJson } from "@/lib/listen/sessions";

// GET /api/v1/listen/sessions: this partner's live `waypoint listen` sessions (no secrets).
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const sessions = await listListenSessions(scope.partnerId);
  return NextResponse.json({ data: sessions.map(toListenSessionJson) }, { headers: { "cache-control": "no-store" } });
});

// POST /api/v1/listen/sessions {"forward_to", "events"?, "format"?, "schema_version"?}: starts a
// session (at most 3 live per partner: 409 limit_reached after). Its whsec_ secret is in this
// answer only. Not an endpoint: no slot, no health figures.
export const POST = route(async (request) => {
  const scope = await requireRequestScope(request);
  const body = parseApiBody(createListenSessionBodySchema, await readJsonBody(request));
  const { session, secret } = await createListenSession(scope.partnerId, {
    forwardTo: body.forward_to,
    eventTypes: body.events ?? [],
    format: body.format ?? "json",
    schemaVersion: body.schema_version ?? "v2",
    apiKeyId: scope.actor.kind === "api_key" ? scope.actor.apiKeyId : null,
  });
  return NextResponse.json({ ...toListenSessionJson(session), secret }, { status: 201, headers: { "cache-control": "no-store" } });
});
