import "server-only";
import { randomUUID } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import type { IdempotencyRecord } from "@/lib/api-keys/idempotency";
import { buildPayloadV2, type EventDetails, type PayloadV2 } from "@/lib/events/payload-v2";
import type { OrderStatus } from "@/lib/events/catalog";
import { newId } from "@/lib/ids";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { SMS_CHANNEL } from "@/lib/sms/sms-channel";
import { planSmsForEvent, type SmsOrder, type SmsSettings } from "@/lib/sms/enqueue-sms";

export type OrderForEvent = SmsOrder & { id: string; partnerId: string; merchantOrderRef: string; customerId: string };

/** How the event changes its order: creates it (order_confirmed) or moves its status. */
export type OrderWrite = { kind: "create" } | { kind: "update"; status: OrderStatus; riderId: string | null };

// The transactional outbox as one statement, so it needs no transaction of its own: the order
// row (created or moved), the event, one delivery per enabled endpoint subscribed to its type,
// the customer's SMS when one is due, the Idempotency-Key's stored answer, and the NOTIFYs
// (sent by Postgres only if it commits; wrapped in sub-selects so no column has pg_notify's
// void type, which Prisma cannot read). All or nothing: if any part fails, nothing is written.
// $1-$10 event and SMS · $11-$16 idempotency · $17-$21 new order · $22-$23 order update.
const RECORD_EVENT_SQL = `
WITH new_order AS (
  INSERT INTO "Order" (id, "partnerId", "merchantOrderRef", "customerId", "customerName", "customerPhone", status, "trackingToken", "createdAt", "updatedAt")
  SELECT $3, $2, $17, $18, $19, $20, 'confirmed', $21, $5::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
   WHERE $17::text IS NOT NULL
), moved_order AS (
  UPDATE "Order" SET status = $22::"OrderStatus", "riderId" = $23, "updatedAt" = now() AT TIME ZONE 'UTC'
   WHERE id = $3 AND $22::text IS NOT NULL
), ev AS (
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
), answer AS (
  INSERT INTO "IdempotencyKey" (id, "apiKeyId", key, "requestHash", "responseStatus", "responseBody")
  SELECT $11::text, $12, $13, $14, $15::int, jsonb_set($16::jsonb, '{deliveries}', to_jsonb((SELECT count(*) FROM dl)::int))
   WHERE $11::text IS NOT NULL
)
SELECT d.deliveries,
       (SELECT id FROM sms) AS sms_id,
       CASE WHEN d.n > 0 THEN (SELECT 1 FROM (SELECT pg_notify('${DELIVERY_CHANNEL}', '')) x) END AS woke_deliveries,
       CASE WHEN EXISTS (SELECT 1 FROM sms) THEN (SELECT 1 FROM (SELECT pg_notify('${SMS_CHANNEL}', '')) x) END AS woke_sms
  FROM (SELECT coalesce(json_agg(json_build_object('id', id, 'endpointId', "endpointId")), '[]'::json) AS deliveries, count(*) AS n FROM dl) d`;

export type RecordEventInput = {
  order: OrderForEvent;
  orderWrite: OrderWrite;
  sms: SmsSettings;
  details: EventDetails;
  occurredAt: Date;
  rider?: { name: string; phone: string } | null;
  /** The request's answer, given the event's payload: stored with the event under the
   *  request's Idempotency-Key (record), so a repeat gets exactly this answer. */
  answer?: { record: IdempotencyRecord | null; status: number; body: (payload: PayloadV2, eventId: string) => Record<string, unknown> };
};

/**
 * Records one order event with everything that depends on it, in a single statement. If it
 * commits, the event exists and will be delivered; if it fails, nothing was ever written.
 * Returns the deliveries it created (for the announcement to the engine) and the SMS id.
 */
export async function recordOrderEvent(sql: Sql, input: RecordEventInput) {
  const eventId = newId("evt");
  const payload = buildPayloadV2({ eventId, occurredAt: input.occurredAt, order: input.order, rider: input.rider, details: input.details });
  const sms = planSmsForEvent(input.sms, input.order, payload);
  const record = input.answer?.record ?? null;
  const { order, orderWrite } = input;
  const [row] = await sql.query<{ deliveries: { id: string; endpointId: string }[]; sms_id: string | null }>(
    RECORD_EVENT_SQL,
    [
      eventId,
      order.partnerId,
      order.id,
      input.details.event,
      input.occurredAt.toISOString(),
      JSON.stringify(payload),
      sms ? `sms_${randomUUID().replace(/-/g, "")}` : null,
      sms?.toPhone ?? null,
      sms?.body ?? null,
      sms?.provider ?? null,
      record?.id ?? null,
      record?.apiKeyId ?? null,
      record?.key ?? null,
      record?.requestHash ?? null,
      record ? input.answer!.status : null,
      record ? JSON.stringify(input.answer!.body(payload, eventId)) : null,
      orderWrite.kind === "create" ? order.merchantOrderRef : null,
      orderWrite.kind === "create" ? order.customerId : null,
      orderWrite.kind === "create" ? order.customerName : null,
      orderWrite.kind === "create" ? order.customerPhone : null,
      orderWrite.kind === "create" ? order.trackingToken : null,
      orderWrite.kind === "update" ? orderWrite.status : null,
      orderWrite.kind === "update" ? orderWrite.riderId : null,
    ],
    "waypoint_record_event",
  );
  return { eventId, payload, deliveries: row!.deliveries, smsId: row!.sms_id };
}
