import "server-only";
import { randomUUID } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import { buildPayloadV2, type EventDetails } from "@/lib/events/payload-v2";
import { newId } from "@/lib/ids";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { SMS_CHANNEL } from "@/lib/sms/sms-channel";
import { planSmsForEvent, type SmsOrder, type SmsSettings } from "@/lib/sms/enqueue-sms";

export type OrderForEvent = SmsOrder & { id: string; partnerId: string; merchantOrderRef: string; customerId: string };

// One statement: the event, one delivery per enabled endpoint subscribed to its type, the
// customer's SMS when one is due, and the NOTIFYs (sent by Postgres only if it commits;
// wrapped in a sub-select so no column has pg_notify's void type, which Prisma cannot read).
const RECORD_EVENT_SQL = `
WITH ev AS (
  INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", payload)
  VALUES ($1, $2, $3, $4::"EventType", $5::timestamptz AT TIME ZONE 'UTC', $6::jsonb)
  RETURNING id
), dl AS (
  INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", "nextAttemptAt", "updatedAt")
  SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), ev.id, ep.id, $2, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
    FROM ev, "Endpoint" ep
   WHERE ep."partnerId" = $2 AND ep.enabled AND $4::"EventType" = ANY(ep."eventTypes")
  RETURNING id, "endpointId"
), sms AS (
  INSERT INTO "SmsMessage" (id, "partnerId", "orderId", "eventId", "toPhone", body, provider, "nextAttemptAt")
  SELECT $7::text, $2, $3, ev.id, $8, $9, $10, now() AT TIME ZONE 'UTC' FROM ev WHERE $7::text IS NOT NULL
  RETURNING id
)
SELECT d.deliveries,
       (SELECT id FROM sms) AS sms_id,
       CASE WHEN d.n > 0 THEN (SELECT 1 FROM (SELECT pg_notify('${DELIVERY_CHANNEL}', '')) x) END AS woke_deliveries,
       CASE WHEN EXISTS (SELECT 1 FROM sms) THEN (SELECT 1 FROM (SELECT pg_notify('${SMS_CHANNEL}', '')) x) END AS woke_sms
  FROM (SELECT coalesce(json_agg(json_build_object('id', id, 'endpointId', "endpointId")), '[]'::json) AS deliveries, count(*) AS n FROM dl) d`;

/**
 * The transactional outbox: the event row, one delivery row per subscribed endpoint and the
 * SMS are written in the caller's transaction, with the order change. If the transaction
 * commits, the event exists and will be delivered; if it rolls back, nothing was ever sent.
 */
export async function recordOrderEvent(
  sql: Sql,
  input: { order: OrderForEvent; sms: SmsSettings; details: EventDetails; occurredAt: Date; rider?: { name: string; phone: string } | null },
) {
  const eventId = newId("evt");
  const payload = buildPayloadV2({ eventId, occurredAt: input.occurredAt, order: input.order, rider: input.rider, details: input.details });
  const sms = planSmsForEvent(input.sms, input.order, payload);
  const [row] = await sql.query<{ deliveries: { id: string; endpointId: string }[]; sms_id: string | null }>(RECORD_EVENT_SQL, [
    eventId,
    input.order.partnerId,
    input.order.id,
    input.details.event,
    input.occurredAt.toISOString(),
    JSON.stringify(payload),
    sms ? `sms_${randomUUID().replace(/-/g, "")}` : null,
    sms?.toPhone ?? null,
    sms?.body ?? null,
    sms?.provider ?? null,
  ], "waypoint_record_event");
  return { eventId, payload, deliveries: row!.deliveries, smsId: row!.sms_id };
}
