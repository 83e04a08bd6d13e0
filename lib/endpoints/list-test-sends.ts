import "server-only";
import { db } from "@/lib/db/client";
import { isEventType } from "@/lib/events/catalog";
import { requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import type { TestSendSummary } from "@/lib/endpoints/view";

export const RECENT_TEST_SENDS = 10;

/** The endpoint's last test sends, newest first, for the endpoint page's history. */
export async function listTestSends(partnerId: string, endpointId: string, limit = RECENT_TEST_SENDS): Promise<TestSendSummary[]> {
  // DeliveryAttempt has no partner column: ownership is settled by the endpoint first.
  await requireEndpointRow(partnerId, endpointId);
  const rows = await db.deliveryAttempt.findMany({
    where: { endpointId, trigger: "test" },
    orderBy: { startedAt: "desc" },
    take: limit,
    include: { triggeredBy: { select: { name: true, email: true } } },
  });
  return rows.map((r) => {
    const event = (r.testPayload as { event?: unknown } | null)?.event;
    return {
      id: r.id,
      sentAt: r.startedAt.toISOString(),
      eventType: isEventType(event) ? event : null,
      success: r.success,
      statusCode: r.statusCode,
      latencyMs: r.latencyMs,
      errorMessage: r.errorMessage,
      by: r.triggeredBy ? r.triggeredBy.name || r.triggeredBy.email : null,
    };
  });
}

type LastTestRow = { id: string; endpointId: string; startedAt: Date; success: boolean; statusCode: number | null; latencyMs: number; errorMessage: string | null; event: string | null };

/** The newest test send of each of this partner's endpoints, for the list's "Last test" column. */
export async function lastTestByEndpoint(partnerId: string): Promise<Record<string, TestSendSummary>> {
  // One query for all (at most five) endpoints; the join keeps it to this partner.
  const rows = await db.$queryRaw<LastTestRow[]>`
    SELECT DISTINCT ON (a."endpointId") a.id, a."endpointId", a."startedAt", a.success, a."statusCode", a."latencyMs", a."errorMessage", a."testPayload"->>'event' AS event
    FROM "DeliveryAttempt" a
    JOIN "Endpoint" e ON e.id = a."endpointId"
    WHERE e."partnerId" = ${partnerId} AND a.trigger = 'test'
    ORDER BY a."endpointId", a."startedAt" DESC`;
  return Object.fromEntries(
    rows.map((r) => [
      r.endpointId,
      { id: r.id, sentAt: r.startedAt.toISOString(), eventType: isEventType(r.event) ? r.event : null, success: r.success, statusCode: r.statusCode, latencyMs: r.latencyMs, errorMessage: r.errorMessage, by: null },
    ]),
  );
}
