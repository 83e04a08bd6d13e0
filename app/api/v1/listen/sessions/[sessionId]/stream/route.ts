import { requireRequestScope } from "@/lib/auth/request-scope";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { openListenStream } from "@/lib/listen/stream";

type Ctx = { params: Promise<{ sessionId: string }> };

// GET /api/v1/listen/sessions/{id}/stream: server-sent events, each one of the partner's events
// rendered and signed for this session (`event: webhook`, with `id:` the event id). Authenticated
// on every connect; a reconnect sends `Last-Event-ID` (the last event it reported) and resumes
// after it. The key is checked again while connected: revoking it ends the stream.
export const GET = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const apiKeyId = scope.actor.kind === "api_key" ? scope.actor.apiKeyId : null;
  const stream = await openListenStream(scope.partnerId, (await params).sessionId, request.headers.get("last-event-id"), {
    signal: request.signal,
    stillAuthorized: apiKeyId
      ? async () => (await db.apiKey.findUnique({ where: { id: apiKeyId }, select: { revokedAt: true } }))?.revokedAt === null
      : undefined,
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      // No proxy buffering: each event must reach the CLI as it is written.
      "x-accel-buffering": "no",
    },
  });
});
