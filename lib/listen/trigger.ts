import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EventType } from "@/lib/events/catalog";
import { samplePayload } from "@/lib/events/sample";
import { listListenSessions } from "@/lib/listen/sessions";
import { LISTEN_RESUME_WINDOW_MS, LISTEN_TRIGGERS_PER_MINUTE } from "@/lib/listen/rules";
import { wakeListenStreams } from "@/lib/listen/wake";

/**
 * `waypoint trigger <event_type>`: the catalogue's sample for that type (`"test": true`), sent
 * through the listen path only: every live listen session of the partner that takes the type
 * gets it, rendered and signed like a real event. Endpoints never receive it.
 */
export async function triggerListenTestEvent(partnerId: string, eventType: EventType, now = new Date()) {
  const recent = await db.listenTestEvent.count({ where: { partnerId, createdAt: { gte: new Date(now.getTime() - 60_000) } } });
  if (recent >= LISTEN_TRIGGERS_PER_MINUTE) throw new AppError("rate_limited", `At most ${LISTEN_TRIGGERS_PER_MINUTE} test events a minute. Wait a moment and trigger again.`, { retryAfterSeconds: 60 });
  const payload = samplePayload(eventType, { test: true, now });
  // Test events are only needed while a reconnect could still replay them.
  await db.listenTestEvent.deleteMany({ where: { partnerId, createdAt: { lt: new Date(now.getTime() - 2 * LISTEN_RESUME_WINDOW_MS) } } });
  await db.listenTestEvent.create({ data: { id: payload.event_id, partnerId, type: eventType, payload } });
  const sessions = (await listListenSessions(partnerId, now)).filter((s) => s.eventTypes.length === 0 || s.eventTypes.includes(eventType));
  wakeListenStreams();
  return { eventId: payload.event_id, eventType, sessions: sessions.map((s) => s.id) };
}
