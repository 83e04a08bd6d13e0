// lib/event-log owns the Event Log's reads: the filter, event status, list and detail, and their JSON for the API.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { EventType } from "@/lib/events/catalog";
import { findEventRecords } from "@/lib/event-log/find-events";
import { countCliAttempts } from "@/lib/listen/attempts";
import { EVENT_LOG_LIMIT, type EventLogFilter } from "@/lib/event-log/filter";
import { deriveEventStatus, isFailed, type DeliveryStatus, type EventLogStatus } from "@/lib/event-log/status";

export type EventLogDelivery = {
  id: string;
  endpointId: string;
  endpointUrl: string;
  endpointDescription: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
};

export type EventLogRow = {
  id: string;
  type: EventType;
  orderId: string;
  merchantOrderRef: string;
  createdAt: Date;
  occurredAt: Date;
  status: EventLogStatus;
  attempts: number;
  deliveries: EventLogDelivery[];
  /** Forwards by `waypoint listen` sessions (lib/listen/), apart from delivery attempts. */
  cliAttempts: number;
};

export type EventLogPage = { events: EventLogRow[]; limit: number; failedDeliveryIds: string[] };

type DeliveryRecord = EventLogDelivery & { eventId: string };

/** The deliveries of the listed events, per endpoint in the order the endpoints were added. */
export function eventDeliveriesSql(partnerId: string, eventIds: string[]) {
  return Prisma.sql`
    SELECT d.id, d."eventId", d."endpointId", en.url AS "endpointUrl", en.description AS "endpointDescription",
           d.status::text AS status, d."attemptCount", d."nextAttemptAt", d."lastError"
      FROM "Delivery" d JOIN "Endpoint" en ON en.id = d."endpointId"
     WHERE d."partnerId" = ${partnerId} AND d."eventId" = ANY(${eventIds}::text[])
     ORDER BY en."createdAt", en.id`;
}

/**
 * The Event Log: a partner's newest events (at most 500) matching the filter, newest first,
 * each with its deliveries per endpoint: the events (find-events.ts), then the deliveries of
 * those events only. `failedDeliveryIds` is what "Retry all failed" would send again.
 */
export async function listEventLog(partnerId: string, filter: EventLogFilter, opts: { limit?: number } = {}): Promise<EventLogPage> {
  const limit = Math.min(opts.limit ?? EVENT_LOG_LIMIT, EVENT_LOG_LIMIT);
  const events = await findEventRecords(partnerId, filter, limit);
  if (events.length === 0) return { events: [], limit, failedDeliveryIds: [] };

  const [rows, cli] = await Promise.all([db.$queryRaw<DeliveryRecord[]>(eventDeliveriesSql(partnerId, events.map((e) => e.id))), countCliAttempts(partnerId, events.map((e) => e.id))]);

  const byEvent = new Map<string, EventLogDelivery[]>();
  for (const { eventId, ...delivery } of rows) {
    const list = byEvent.get(eventId) ?? [];
    list.push(delivery);
    byEvent.set(eventId, list);
  }
  const out = events.map((event) => {
    const deliveries = byEvent.get(event.id) ?? [];
    return {
      ...event,
      status: deriveEventStatus(deliveries.map((d) => d.status)),
      attempts: deliveries.reduce((sum, d) => sum + d.attemptCount, 0),
      deliveries,
      cliAttempts: cli.get(event.id) ?? 0,
    };
  });
  const failedDeliveryIds = out.flatMap((e) => e.deliveries.filter((d) => isFailed(d.status)).map((d) => d.id));
  return { events: out, limit, failedDeliveryIds };
}
