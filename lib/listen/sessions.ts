// lib/listen owns `waypoint listen`: sessions, the signed event stream, CLI attempt reports, triggers.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sealSecret } from "@/lib/crypto/keyring";
import { generateEndpointSecret } from "@/lib/delivery/signing";
import { AppError, notFound } from "@/lib/errors";
import type { EventType, PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
import { LISTEN_IDLE_MS, LISTEN_RESUME_WINDOW_MS, LISTEN_SESSION_PREFIX, MAX_LISTEN_SESSIONS } from "@/lib/listen/rules";

// A listen session: one developer's `waypoint listen`. It holds its own whsec_ secret (shown
// once, at creation, like an endpoint's), its filters and rendering, and the resume point. It
// is not an endpoint: no slot, no deliveries, no health figures (lib/listen/stream.ts).

export type ListenSessionRow = Awaited<ReturnType<typeof db.listenSession.findFirstOrThrow>>;

const idleSince = (now: Date) => new Date(now.getTime() - LISTEN_IDLE_MS);
export const isIdle = (s: { lastActiveAt: Date }, now = new Date()) => s.lastActiveAt <= idleSince(now);

/** Ends the partner's sessions that have been idle for 10 minutes (their slots free up). */
async function endIdleSessions(partnerId: string, now: Date, tx: Pick<typeof db, "listenSession"> = db) {
  await tx.listenSession.updateMany({
    where: { partnerId, endedAt: null, lastActiveAt: { lte: idleSince(now) } },
    data: { endedAt: now, endReason: "idle", encryptedSecret: null },
  });
}

export type CreateListenSession = { forwardTo: string; eventTypes: EventType[]; format: PayloadFormat; schemaVersion: SchemaVersion; apiKeyId: string | null };

/**
 * Starts a session unless the partner already has 3 live ones. The check and the insert run
 * under the partner row's lock, so two CLIs starting at once cannot both take the last place.
 */
export async function createListenSession(partnerId: string, input: CreateListenSession, now = new Date()) {
  const secret = generateEndpointSecret();
  const session = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Partner" WHERE id = ${partnerId} FOR UPDATE`;
    await endIdleSessions(partnerId, now, tx);
    const live = await tx.listenSession.findMany({ where: { partnerId, endedAt: null }, orderBy: { createdAt: "asc" } });
    if (live.length >= MAX_LISTEN_SESSIONS) {
      const list = live.map((s) => `${s.id} (forwarding to ${s.forwardTo}, started ${s.createdAt.toISOString()}, last active ${s.lastActiveAt.toISOString()})`).join("; ");
      throw new AppError(
        "limit_reached",
        `At most ${MAX_LISTEN_SESSIONS} listen sessions can run at once, and ${live.length} are running: ${list}. ` +
          `Stop one (Ctrl-C in its terminal, or \`waypoint sessions stop <session_id>\`); a session also ends after ${LISTEN_IDLE_MS / 60_000} minutes without activity.`,
        { max: MAX_LISTEN_SESSIONS, sessions: live.map(toListenSessionJson) },
      );
    }
    return tx.listenSession.create({
      data: {
        id: `${LISTEN_SESSION_PREFIX}${randomUUID().replace(/-/g, "")}`,
        partnerId,
        apiKeyId: input.apiKeyId,
        encryptedSecret: sealSecret(secret),
        eventTypes: input.eventTypes,
        format: input.format,
        schemaVersion: input.schemaVersion,
        forwardTo: input.forwardTo,
        lastActiveAt: now,
      },
    });
  });
  return { session, secret };
}

/** The partner's session by id; another partner's id is "not found", exactly like an unknown one. */
export async function findListenSession(partnerId: string, sessionId: string): Promise<ListenSessionRow> {
  const session = await db.listenSession.findFirst({ where: { id: sessionId, partnerId } });
  if (!session) throw notFound(`Listen session ${sessionId}`);
  return session;
}

/** A session that may stream: live, and not idle (an idle one is ended here, and refused). */
export async function requireLiveSession(partnerId: string, sessionId: string, now = new Date()): Promise<ListenSessionRow> {
  const session = await findListenSession(partnerId, sessionId);
  if (!session.endedAt && isIdle(session, now)) {
    await endListenSession(partnerId, sessionId, "idle", now);
    session.endedAt = now;
    session.endReason = "idle";
  }
  if (session.endedAt) throw new AppError("conflict", `${endedMessage(session.endReason)} Start a new one with \`waypoint listen\`.`, { reason: session.endReason });
  return session;
}

export function endedMessage(reason: string | null): string {
  if (reason === "idle") return `This listen session ended after ${LISTEN_IDLE_MS / 60_000} minutes without activity.`;
  if (reason === "key_revoked") return "This listen session ended: its API key was revoked.";
  return "This listen session has ended.";
}

export async function endListenSession(partnerId: string, sessionId: string, reason: string, now = new Date()): Promise<boolean> {
  const { count } = await db.listenSession.updateMany({ where: { id: sessionId, partnerId, endedAt: null }, data: { endedAt: now, endReason: reason, encryptedSecret: null } });
  return count > 0;
}

/** Stops a session at the CLI's request (Ctrl-C, `waypoint sessions stop`). Stopping one already ended is fine. */
export async function stopListenSession(partnerId: string, sessionId: string) {
  await findListenSession(partnerId, sessionId);
  await endListenSession(partnerId, sessionId, "stopped");
  return findListenSession(partnerId, sessionId);
}

/** The partner's live sessions (the idle ones are ended first). */
export async function listListenSessions(partnerId: string, now = new Date()) {
  await endIdleSessions(partnerId, now);
  return db.listenSession.findMany({ where: { partnerId, endedAt: null }, orderBy: { createdAt: "asc" } });
}

/** A sign of use: the idle clock starts again. */
export async function touchListenSession(sessionId: string, data: { lastAckedEventId?: string } = {}) {
  await db.listenSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastActiveAt: new Date(), ...data } });
}

export function toListenSessionJson(s: ListenSessionRow) {
  return {
    session_id: s.id,
    forward_to: s.forwardTo,
    events: s.eventTypes,
    format: s.format,
    schema_version: s.schemaVersion,
    created_at: s.createdAt.toISOString(),
    last_active_at: s.lastActiveAt.toISOString(),
    ended_at: s.endedAt?.toISOString() ?? null,
    end_reason: s.endReason,
    stream_path: `/api/v1/listen/sessions/${s.id}/stream`,
    idle_timeout_seconds: LISTEN_IDLE_MS / 1000,
    resume_window_seconds: LISTEN_RESUME_WINDOW_MS / 1000,
  };
}
