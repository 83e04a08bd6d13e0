import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { EventType } from "@/lib/events/catalog";
import type { ListenAttemptReport } from "@/lib/listen/api-shape";
import { findListenSession, touchListenSession } from "@/lib/listen/sessions";

/**
 * The CLI's report of its forwards to the local server, in the order it made them. Each becomes
 * a ListenAttempt (once per session and event: a report sent twice after a reconnect is recorded
 * once), shown in the Event Log as a CLI session attempt, never in health figures or auto-disable.
 * The last one becomes the session's resume point. Every id must be one of this partner's events
 * (or its test events): another partner's id is "not found" like an unknown one, and nothing is written.
 */
export async function recordListenAttempts(partnerId: string, sessionId: string, reports: ListenAttemptReport[]) {
  await findListenSession(partnerId, sessionId);
  const ids = [...new Set(reports.map((r) => r.event_id))];
  const known = await db.$queryRaw<{ id: string; type: EventType; test: boolean }[]>`
    SELECT id, type::text AS type, false AS test FROM "OrderEvent" WHERE "partnerId" = ${partnerId} AND id = ANY(${ids}::text[])
    UNION ALL
    SELECT id, type::text AS type, true AS test FROM "ListenTestEvent" WHERE "partnerId" = ${partnerId} AND id = ANY(${ids}::text[])`;
  const byId = new Map(known.map((k) => [k.id, k]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw notFound(`Event ${missing}`);

  const rows = reports.map((r) => {
    const event = byId.get(r.event_id)!;
    const ok = r.status_code !== null && r.status_code >= 200 && r.status_code < 300;
    return Prisma.sql`(${`lat_${crypto.randomUUID().replace(/-/g, "")}`}, ${sessionId}, ${partnerId}, ${event.test ? null : event.id}, ${event.id}, ${event.type}::"EventType",
      ${new Date(r.started_at)}, ${ok}, ${r.status_code}, ${r.latency_ms}, ${r.error ?? null}, ${r.response_excerpt?.slice(0, 500) ?? null})`;
  });
  const inserted = await db.$executeRaw`
    INSERT INTO "ListenAttempt" (id, "sessionId", "partnerId", "eventId", "webhookId", "eventType", "startedAt", success, "statusCode", "latencyMs", "errorMessage", "responseExcerpt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("sessionId", "webhookId") DO NOTHING`;
  await touchListenSession(sessionId, { lastAckedEventId: reports[reports.length - 1]!.event_id });
  return { recorded: inserted, duplicates: reports.length - inserted };
}

export type CliAttempt = {
  id: string;
  sessionId: string;
  forwardTo: string;
  startedAt: Date;
  success: boolean;
  statusCode: number | null;
  latencyMs: number;
  errorMessage: string | null;
  responseExcerpt: string | null;
};

/** One event's CLI attempts (Event Log detail), oldest first, with where each session forwarded. */
export async function listCliAttempts(partnerId: string, eventId: string): Promise<CliAttempt[]> {
  const rows = await db.listenAttempt.findMany({
    where: { partnerId, eventId },
    orderBy: { startedAt: "asc" },
    include: { session: { select: { forwardTo: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.sessionId,
    forwardTo: r.session.forwardTo,
    startedAt: r.startedAt,
    success: r.success,
    statusCode: r.statusCode,
    latencyMs: r.latencyMs,
    errorMessage: r.errorMessage,
    responseExcerpt: r.responseExcerpt,
  }));
}

/** For the Event Log list: how many CLI attempts each listed event has. */
export async function countCliAttempts(partnerId: string, eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ eventId: string; n: number }[]>`
    SELECT "eventId", count(*)::int AS n FROM "ListenAttempt" WHERE "partnerId" = ${partnerId} AND "eventId" = ANY(${eventIds}::text[]) GROUP BY "eventId"`;
  return new Map(rows.map((r) => [r.eventId, r.n]));
}
