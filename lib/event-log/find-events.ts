import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { EventType } from "@/lib/events/catalog";
import { eventFilterSql } from "@/lib/event-log/event-filter-sql";
import type { EventLogFilter } from "@/lib/event-log/filter";
import type { FilterStatus } from "@/lib/event-log/status";

export type EventRecord = { id: string; type: EventType; orderId: string; merchantOrderRef: string; createdAt: Date; occurredAt: Date };

// Two plans for one answer (the newest `limit` events matching the filter), picked by how
// common the wanted rows are. Measured on 1,000,000 events (bench/event-log-query.ts): walking
// a partner's events newest first and probing each one's deliveries costs ~10 ms when most
// events match, but ~600 ms for "dead-lettered" (under 1% of events). For the statuses that
// are rare by nature (failures, and pending/retrying, which only exist while in flight) the
// walk starts from Delivery(partnerId, status, createdAt desc) instead.
const RARE_STATUSES: readonly FilterStatus[] = ["dead_lettered", "retrying", "pending"];
/** First batch of newest matching deliveries to look at (4× that with a type filter, which
 *  keeps about one in five); grows 4× per pass until the answer is exact. */
const FIRST_WINDOW = 1_000;
/** Past this the window is unbounded: the next pass reads every matching delivery once. */
const MAX_WINDOW = 256_000;

const COLUMNS = Prisma.sql`e.id, e.type::text AS type, e."orderId", e.payload->>'merchant_order_ref' AS "merchantOrderRef", e."createdAt", e."occurredAt"`;

/** Events first: partner (+ type) + time come from the OrderEvent indexes, newest first. */
export function eventsFirstSql(partnerId: string, filter: EventLogFilter, limit: number) {
  // Ties on createdAt (one transaction) are broken by id so a polled list never reshuffles.
  return Prisma.sql`
    SELECT ${COLUMNS} FROM "OrderEvent" e
     WHERE ${eventFilterSql(partnerId, filter)}
     ORDER BY e."createdAt" DESC, e.id DESC
     LIMIT ${limit}`;
}

/**
 * Deliveries first: the newest `window` deliveries in the wanted status (the candidates), then
 * their events through the other filters. Also returns the window's size and oldest time, so
 * the caller can tell whether an event outside it could still belong in the answer.
 */
export function deliveriesFirstSql(partnerId: string, filter: EventLogFilter & { status: FilterStatus }, limit: number, window: number | null) {
  const from = filter.from ? Prisma.sql`AND d."createdAt" >= ${filter.from}` : Prisma.empty;
  return Prisma.sql`
    WITH candidates AS MATERIALIZED (
      SELECT d."eventId", d."createdAt" FROM "Delivery" d
       WHERE d."partnerId" = ${partnerId} AND d.status = ${filter.status}::"DeliveryStatus" ${from}
       ORDER BY d."createdAt" DESC
       ${window === null ? Prisma.empty : Prisma.sql`LIMIT ${window}`}),
    scanned AS (SELECT count(*)::int AS "windowSize", min("createdAt") AS "windowFloor" FROM candidates),
    hits AS (
      SELECT ${COLUMNS} FROM "OrderEvent" e
       WHERE e.id IN (SELECT "eventId" FROM candidates) AND ${eventFilterSql(partnerId, filter, { hasIsKnown: true })}
       ORDER BY e."createdAt" DESC, e.id DESC
       LIMIT ${limit})
    SELECT scanned.*, hits.* FROM scanned LEFT JOIN hits ON true
     ORDER BY hits."createdAt" DESC NULLS LAST, hits.id DESC`;
}

type WindowRow = { windowSize: number; windowFloor: Date | null } & ({ [K in keyof EventRecord]: EventRecord[K] } | { [K in keyof EventRecord]: null });

export const firstWindow = (filter: EventLogFilter) => (filter.type ? FIRST_WINDOW * 4 : FIRST_WINDOW);

export const startsFromDeliveries = (filter: EventLogFilter): filter is EventLogFilter & { status: FilterStatus } =>
  filter.status !== undefined && RARE_STATUSES.includes(filter.status);

export async function findEventRecords(partnerId: string, filter: EventLogFilter, limit: number): Promise<EventRecord[]> {
  if (!startsFromDeliveries(filter)) return db.$queryRaw<EventRecord[]>(eventsFirstSql(partnerId, filter, limit));
  let window: number | null = firstWindow(filter);
  for (;;) {
    const rows = await db.$queryRaw<WindowRow[]>(deliveriesFirstSql(partnerId, filter, limit, window));
    const hits = rows
      .filter((r): r is WindowRow & EventRecord => r.id !== null)
      .map((r) => ({ id: r.id, type: r.type, orderId: r.orderId, merchantOrderRef: r.merchantOrderRef, createdAt: r.createdAt, occurredAt: r.occurredAt }));
    const { windowSize, windowFloor } = rows[0]!;
    // Exact when every candidate was seen, or when the list is full and its oldest event is
    // newer than the window's oldest delivery: a delivery is never older than its event, so
    // anything outside the window is older still.
    const sawAll = window === null || windowSize < window;
    const last = hits[hits.length - 1];
    if (sawAll || (hits.length === limit && last && windowFloor && last.createdAt > windowFloor)) return hits;
    window = window === null || window * 4 > MAX_WINDOW ? null : window * 4;
  }
}
