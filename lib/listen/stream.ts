import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { openSecret } from "@/lib/crypto/keyring";
import { buildSignedRequest } from "@/lib/delivery/send-signed";
import type { EventType } from "@/lib/events/catalog";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { logger } from "@/lib/logger";
import { endedMessage, endListenSession, requireLiveSession, touchListenSession, type ListenSessionRow } from "@/lib/listen/sessions";
import { LISTEN_IDLE_MS, LISTEN_RESUME_MAX_EVENTS, LISTEN_RESUME_WINDOW_MS } from "@/lib/listen/rules";
import { onListenWake } from "@/lib/listen/wake";

// The listen stream: server-sent events over one long GET, which a Next route handler can
// answer with a ReadableStream (a WebSocket upgrade cannot be done from a route handler).
//
// What it sends is a cursor walk over the partner's own events (OrderEvent, plus the test events
// of `waypoint trigger`) by (createdAt, id), each rendered and signed exactly as an endpoint with
// the session's format and schema version would receive it, with the session's secret. Nothing
// here touches deliveries, the delivery engine or endpoint health.
//
// Nothing lost, nothing twice: an event counts as done once the CLI has reported its forward
// (ListenAttempt, unique per session and event). Polls re-read the last few seconds (SETTLE_MS),
// because createdAt is the time a transaction started, and one that commits late can appear
// behind newer rows; what this connection already sent or the CLI already reported is left out.
// A reconnect (Last-Event-ID, or the session's last reported event) starts again from there,
// at most LISTEN_RESUME_WINDOW_MS back and at most LISTEN_RESUME_MAX_EVENTS events; anything
// older is counted and announced as `skipped`, never dropped silently.

const SETTLE_MS = 5_000;
const BATCH = 200;
/** Activity is written at most this often while events flow. */
const TOUCH_EVERY_MS = 30_000;

export type ListenStreamOptions = {
  pollMs?: number;
  heartbeatMs?: number;
  /** How often the session row is read again (ended elsewhere, replaced by a newer connection, idle). */
  checkMs?: number;
  idleMs?: number;
  resumeWindowMs?: number;
  resumeMaxEvents?: number;
  /** Re-authenticates the caller (API key not revoked), at most every checkMs; false ends the stream. */
  stillAuthorized?: () => Promise<boolean>;
  signal?: AbortSignal;
};

type Candidate = { id: string; type: EventType; createdAt: Date; payload: unknown; ref: string | null; test: boolean };
type Cursor = { at: Date; id: string };

const encoder = new TextEncoder();
const frame = (event: string, data: unknown, id?: string) => encoder.encode(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

function candidatesSql(s: ListenSessionRow, from: { low: Date; floor: Cursor }, exclude: string[]) {
  const types = s.eventTypes as string[];
  const common = (alias: string) => Prisma.sql`
       ${Prisma.raw(alias)}."partnerId" = ${s.partnerId}
   AND ${Prisma.raw(alias)}."createdAt" >= ${from.low}
   AND (${Prisma.raw(alias)}."createdAt", ${Prisma.raw(alias)}.id) > (${from.floor.at}, ${from.floor.id})
   AND (cardinality(${types}::text[]) = 0 OR ${Prisma.raw(alias)}.type::text = ANY(${types}::text[]))
   AND NOT (${Prisma.raw(alias)}.id = ANY(${exclude}::text[]))
   AND NOT EXISTS (SELECT 1 FROM "ListenAttempt" la WHERE la."sessionId" = ${s.id} AND la."webhookId" = ${Prisma.raw(alias)}.id)`;
  return {
    rows: (limit: number) => Prisma.sql`
      SELECT * FROM (
        SELECT e.id, e.type::text AS type, e."createdAt", e.payload, e.payload->>'merchant_order_ref' AS ref, false AS test FROM "OrderEvent" e WHERE ${common("e")}
        UNION ALL
        SELECT t.id, t.type::text AS type, t."createdAt", t.payload, t.payload->>'merchant_order_ref' AS ref, true AS test FROM "ListenTestEvent" t WHERE ${common("t")}
      ) c ORDER BY c."createdAt", c.id LIMIT ${limit}`,
    keys: Prisma.sql`
      SELECT e.id, e."createdAt" FROM "OrderEvent" e WHERE ${common("e")}
      UNION ALL
      SELECT t.id, t."createdAt" FROM "ListenTestEvent" t WHERE ${common("t")}`,
  };
}

const maxDate = (...dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));
const BEGINNING: Cursor = { at: new Date(0), id: "" };

type Skipped = { count: number; oldest_at: string; newest_at: string; reason: string };

/** Where a (re)connect starts, and what is too old to replay. */
async function planResume(session: ListenSessionRow, lastEventId: string | null, opts: Required<Pick<ListenStreamOptions, "resumeWindowMs" | "resumeMaxEvents">>, now: Date) {
  const ackId = lastEventId ?? session.lastAckedEventId;
  let ackAt: Date | null = null;
  if (ackId) {
    // Only this partner's events: another partner's id resolves to nothing (starts from the session's own point).
    const [row] = await db.$queryRaw<{ createdAt: Date }[]>`
      SELECT "createdAt" FROM "OrderEvent" WHERE id = ${ackId} AND "partnerId" = ${session.partnerId}
      UNION ALL SELECT "createdAt" FROM "ListenTestEvent" WHERE id = ${ackId} AND "partnerId" = ${session.partnerId} LIMIT 1`;
    ackAt = row?.createdAt ?? null;
  }
  const from = ackAt ? maxDate(session.createdAt, new Date(ackAt.getTime() - SETTLE_MS)) : session.createdAt;
  const windowStart = new Date(now.getTime() - opts.resumeWindowMs);
  const low = maxDate(from, windowStart);
  const skipped: Skipped[] = [];

  if (from < windowStart) {
    const sql = candidatesSql(session, { low: from, floor: BEGINNING }, []);
    const [old] = await db.$queryRaw<{ n: number; oldest: Date | null; newest: Date | null }[]>`
      SELECT count(*)::int AS n, min("createdAt") AS oldest, max("createdAt") AS newest FROM (${sql.keys}) k WHERE k."createdAt" < ${windowStart}`;
    if (old && old.n > 0) {
      skipped.push({ count: old.n, oldest_at: old.oldest!.toISOString(), newest_at: old.newest!.toISOString(), reason: `older than the ${Math.round(opts.resumeWindowMs / 60_000)}-minute resume window` });
    }
  }

  let floor = BEGINNING;
  const sql = candidatesSql(session, { low, floor: BEGINNING }, []);
  const [{ n: backlog } = { n: 0 }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${sql.keys}) k`;
  if (backlog > opts.resumeMaxEvents) {
    const over = backlog - opts.resumeMaxEvents;
    const rows = await db.$queryRaw<{ id: string; createdAt: Date }[]>`
      SELECT k.id, k."createdAt" FROM (${sql.keys}) k ORDER BY k."createdAt", k.id OFFSET ${over - 1} LIMIT 1`;
    const [oldest] = await db.$queryRaw<{ createdAt: Date }[]>`SELECT min(k."createdAt") AS "createdAt" FROM (${sql.keys}) k`;
    floor = { at: rows[0]!.createdAt, id: rows[0]!.id };
    skipped.push({ count: over, oldest_at: oldest!.createdAt.toISOString(), newest_at: floor.at.toISOString(), reason: `more than ${opts.resumeMaxEvents} events behind` });
  }
  return { low, floor, resumedFrom: ackAt ? ackId : null, backlog: Math.min(backlog, opts.resumeMaxEvents), skipped };
}

/**
 * Opens the stream for one session of one partner. Checks come first and throw (so the route
 * answers 404/409 as JSON): the session must be the partner's own, live and not idle. This
 * connection then becomes the session's only one: an older connection closes itself.
 */
export async function openListenStream(partnerId: string, sessionId: string, lastEventId: string | null, options: ListenStreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const opts = {
    pollMs: options.pollMs ?? 200,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    checkMs: options.checkMs ?? 5_000,
    idleMs: options.idleMs ?? LISTEN_IDLE_MS,
    resumeWindowMs: options.resumeWindowMs ?? LISTEN_RESUME_WINDOW_MS,
    resumeMaxEvents: options.resumeMaxEvents ?? LISTEN_RESUME_MAX_EVENTS,
  };
  const now = new Date();
  const session = await requireLiveSession(partnerId, sessionId, now);
  const connectionId = randomUUID();
  await db.listenSession.update({ where: { id: session.id }, data: { connectionId, lastActiveAt: now } });
  const secret = openSecret(session.encryptedSecret!);
  const plan = await planResume(session, lastEventId, opts, now);

  let closed = false;
  let wake: (() => void) | null = null;
  const stopWaking = onListenWake(() => wake?.());
  const abort = () => {
    closed = true;
    wake?.();
  };
  options.signal?.addEventListener("abort", abort);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        const send = (chunk: Uint8Array) => {
          if (closed) return;
          try {
            controller.enqueue(chunk);
            lastWrite = Date.now();
          } catch {
            closed = true;
          }
        };
        let lastWrite = Date.now();
        let lastCheck = Date.now();
        let lastTouch = Date.now();
        let lastActive = now.getTime();
        let low = plan.low;
        let floor = plan.floor;
        // Sent on this connection and not yet behind `low`: left out of the next polls.
        const sent = new Map<string, number>();

        const end = async (reason: string, message: string) => {
          send(frame("end", { reason, message }));
          closed = true;
        };

        const loop = async () => {
          controller.enqueue(encoder.encode("retry: 1000\n\n"));
          send(frame("ready", { session_id: session.id, resumed_after: plan.resumedFrom, backlog: plan.backlog }));
          for (const s of plan.skipped) send(frame("skipped", s));

          while (!closed) {
            if ((controller.desiredSize ?? 1) > 0) {
              const rows = await db.$queryRaw<Candidate[]>(candidatesSql(session, { low, floor }, [...sent.keys()]).rows(BATCH));
              for (const row of rows) {
                const request = buildSignedRequest({ url: session.forwardTo, payload: row.payload as PayloadV2, format: session.format, schemaVersion: session.schemaVersion, secrets: [secret] });
                send(frame("webhook", { event_id: row.id, event: row.type, order_ref: row.ref, test: row.test, created_at: row.createdAt.toISOString(), headers: request.headers, body: request.body }, row.id));
                sent.set(row.id, row.createdAt.getTime());
              }
              if (rows.length > 0) {
                lastActive = Date.now();
                const newest = rows[rows.length - 1]!.createdAt.getTime();
                if (newest - SETTLE_MS > low.getTime()) low = new Date(newest - SETTLE_MS);
                for (const [id, at] of sent) if (at < low.getTime()) sent.delete(id);
                if (floor !== BEGINNING && floor.at < low) floor = BEGINNING;
                if (Date.now() - lastTouch > TOUCH_EVERY_MS) {
                  lastTouch = Date.now();
                  await touchListenSession(session.id);
                }
              }
              if (rows.length === BATCH) continue;
            }

            if (Date.now() - lastCheck >= opts.checkMs) {
              lastCheck = Date.now();
              const row = await db.listenSession.findUnique({ where: { id: session.id }, select: { endedAt: true, endReason: true, connectionId: true, lastActiveAt: true } });
              if (!row || row.endedAt) {
                await end(row?.endReason ?? "ended", endedMessage(row?.endReason ?? null));
                break;
              }
              if (row.connectionId !== connectionId) {
                await end("replaced", "A newer connection of this session took over; this one closes.");
                break;
              }
              if (Date.now() - Math.max(row.lastActiveAt.getTime(), lastActive) >= opts.idleMs) {
                await endListenSession(partnerId, session.id, "idle");
                await end("idle", endedMessage("idle"));
                break;
              }
              if (options.stillAuthorized && !(await options.stillAuthorized())) {
                await endListenSession(partnerId, session.id, "key_revoked");
                await end("key_revoked", endedMessage("key_revoked"));
                break;
              }
            }
            if (Date.now() - lastWrite >= opts.heartbeatMs) send(encoder.encode(": ping\n\n"));
            if (!closed) await sleep(opts.pollMs);
          }
        };

        loop()
          .catch((err) => {
            // The CLI reconnects and resumes from what it reported: closing loses nothing.
            logger.error({ err, sessionId: session.id }, "listen stream failed");
          })
          .finally(() => {
            closed = true;
            stopWaking();
            options.signal?.removeEventListener("abort", abort);
            try {
              controller.close();
            } catch {
              // already closed or cancelled
            }
          });
      },
      cancel() {
        abort();
      },
    },
    { highWaterMark: 64 },
  );
}
