import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { EventLogFilter } from "@/lib/event-log/filter";
import { statusCondition, type DeliveryStatus } from "@/lib/event-log/status";

// The WHERE clause of the Event Log over `"OrderEvent" e`, always scoped to one partner. The
// status part is generated from status.ts (EXISTS the status, NOT EXISTS anything worse), so
// the list, its count and "Retry all failed" select exactly what the badges say. Which index
// drives the query is find-events.ts's choice.

const statusList = (statuses: readonly DeliveryStatus[]) =>
  Prisma.join(statuses.map((s) => Prisma.sql`${s}::"DeliveryStatus"`));

/** A delivery of event e with one of `statuses`. */
function deliveriesOf(partnerId: string, filter: EventLogFilter, statuses: readonly DeliveryStatus[], prefilter: boolean) {
  const parts = [Prisma.sql`d."eventId" = e.id`];
  parts.push(statuses.length === 1 ? Prisma.sql`d.status = ${statuses[0]}::"DeliveryStatus"` : Prisma.sql`d.status IN (${statusList(statuses)})`);
  // Only on the EXISTS side, where they let the planner start from Delivery(partnerId, status,
  // createdAt); a delivery is written with its event or later, so `>= from` loses nothing. On
  // the NOT EXISTS side they would only cost a heap visit per probed event.
  if (prefilter) {
    parts.push(Prisma.sql`d."partnerId" = ${partnerId}`);
    if (filter.from) parts.push(Prisma.sql`d."createdAt" >= ${filter.from}`);
  }
  return Prisma.sql`SELECT 1 FROM "Delivery" d WHERE ${Prisma.join(parts, " AND ")}`;
}

/** `hasIsKnown`: the caller already picked events that have a delivery in the wanted status. */
export function eventFilterSql(partnerId: string, filter: EventLogFilter, opts: { hasIsKnown?: boolean } = {}): Prisma.Sql {
  const parts = [Prisma.sql`e."partnerId" = ${partnerId}`];
  if (filter.type) parts.push(Prisma.sql`e.type = ${filter.type}::"EventType"`);
  if (filter.from) parts.push(Prisma.sql`e."createdAt" >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`e."createdAt" <= ${filter.to}`);
  if (filter.status) {
    const { has, hasNone } = statusCondition(filter.status);
    if (!opts.hasIsKnown) parts.push(Prisma.sql`EXISTS (${deliveriesOf(partnerId, filter, [has], true)})`);
    if (hasNone.length) parts.push(Prisma.sql`NOT EXISTS (${deliveriesOf(partnerId, filter, hasNone, false)})`);
  }
  return Prisma.join(parts, " AND ");
}
