import "server-only";
import { randomUUID } from "node:crypto";
import type { Sql } from "@/lib/db/sql";
import type { IdempotencyRecord } from "@/lib/api-keys/idempotency";
import { buildUnsequencedPayloadV2, withSequence, type EventDetails, type PayloadV2, type UnsequencedPayloadV2 } from "@/lib/events/payload-v2";
import type { OrderStatus } from "@/lib/events/catalog";
import { newId } from "@/lib/ids";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { SMS_CHANNEL } from "@/lib/sms/sms-channel";
import { planSmsForEvent, type SmsOrder, type SmsSettings } from "@/lib/sms/enqueue-sms";

export type OrderForEvent = SmsOrder & { id: string; partnerId: string; merchantOrderRef: string; customerId: string };

/** How the event changes its order: creates it (order_confirmed) or moves its status. */
export type OrderWrite =
  | { kind: "create"; /** "api" by default; the order source's type for order intake. */ source?: string; /** Set by a lenient order source (no SMS). */ phoneIssue?: string | null }
  | { kind: "update"; status: OrderStatus; riderId: string | null };

// The transactional outbox as one statement, so it needs no transaction of its own: the order
// row (created or moved), the event, one delivery per enabled endpoint subscribed to its type,
// the customer's SMS when one is due, the Idempotency-Key's stored answer, and the NOTIFYs
// (sent by Postgres only if it commits; wrapped in sub-selects so no column has pg_notify's
// void type, which Prisma cannot read). All or nothing: if any part fails, nothing is written.
// The event's per-order `sequence` is numbered here too (next after the order's highest), and
// written into the stored payload and the idempotent answer's `event`. That cannot share or
// skip a number: a status change holds its order's row lock (FOR UPDATE in change-status.ts)
// until it commits, so the next one's statement sees this event; a new order has no events
// (sequence 1); and the unique (orderId, sequence) index refuses a duplicate from any path
// that forgot the lock rather than storing it.
// The answer goes in as text with two marks (answerTemplate below) that the statement replaces by
// the numbers only it knows, the deliveries it created and the event's sequence; that text is
// what is stored under the Idempotency-Key and what the first caller is sent, so a replay is the
// same bytes (jsonb would reorder the keys: it is kept beside it, for reading in SQL).
// $1-$10 event and SMS · $11-$16, $24-$25 idempotency and answer · $17-$21, $26-$27 new order · $22-$23 order update.
const RECORD_EVENT_SQL = `
WITH new_order AS (
  INSERT INTO "Order" (id, "partnerId", "merchantOrderRef", "customerId", "customerName", "customerPhone", status, "trackingToken", "createdAt", "updatedAt", source, "phoneIssue")
  SELECT $3, $2, $17, $18, $19, $20, 'confirmed', $21, $5::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', coalesce($26::text, 'api'), $27::text
   WHERE $17::text IS NOT NULL
), moved_order AS (
  UPDATE "Order" SET status = $22::"OrderStatus", "riderId" = $23, "updatedAt" = now() AT TIME ZONE 'UTC'
   WHERE id = $3 AND $22::text IS NOT NULL
), seq AS (
  SELECT coalesce(max(sequence), 0) + 1 AS n FROM "OrderEvent" WHERE "orderId" = $3
), ev AS (
  INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", sequence, payload)
  SELECT $1, $2, $3, $4::"EventType", $5::timestamptz AT TIME ZONE 'UTC', seq.n, jsonb_set($6::jsonb, '{sequence}', to_jsonb(seq.n)) FROM seq
  RETURNING id, sequence
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
), answer_text AS (
  SELECT replace(replace($16::text, $24::text, (SELECT count(*) FROM dl)::text), $25::text, (SELECT sequence FROM ev)::text) AS body
), answer AS (
  INSERT INTO "IdempotencyKey" (id, "apiKeyId", key, "requestHash", "responseStatus", "responseBody", "responseText")
  SELECT $11::text, $12, $13, $14, $15::int, body::jsonb, body FROM answer_text
   WHERE $11::text IS NOT NULL
)
SELECT d.deliveries,
       (SELECT body FROM answer_text) AS answer_text,
       (SELECT sequence FROM ev) AS sequence,
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
  /** The request's answer, given the event's payload (with its sequence) and the number of
   *  deliveries: written by the statement as text, stored under the request's Idempotency-Key
   *  (record), and returned as `answerText`, so the first answer and every repeat are the same bytes. */
  answer?: { record: IdempotencyRecord | null; status: number; body: (payload: PayloadV2, eventId: string, deliveries: number) => Record<string, unknown> };
};

/**
 * The answer's JSON with marks where the statement puts the deliveries count and the sequence.
 * The marks are random per call, so no value in the answer (a customer's name, say) can equal one.
 */
function answerTemplate(answer: NonNullable<RecordEventInput["answer"]>, payload: UnsequencedPayloadV2, eventId: string) {
  const nonce = randomUUID();
  const marks = { deliveries: `@@deliveries:${nonce}@@`, sequence: `@@sequence:${nonce}@@` };
  // Strings stand in for the two numbers: JSON.stringify quotes them, and the statement replaces
  // the quoted mark, so the result is the number itself.
  const text = JSON.stringify(answer.body(withSequence(payload, marks.sequence as unknown as number), eventId, marks.deliveries as unknown as number));
  return { text, deliveriesMark: JSON.stringify(marks.deliveries), sequenceMark: JSON.stringify(marks.sequence) };
}

/**
 * Records one order event with everything that depends on it, in a single statement. If it
 * commits, the event exists and will be delivered; if it fails, nothing was ever written.
 * Returns the deliveries it created (for the announcement to the engine) and the SMS id.
 */
export async function recordOrderEvent(sql: Sql, input: RecordEventInput) {
  const eventId = newId("evt");
  const unsequenced = buildUnsequencedPayloadV2({ eventId, occurredAt: input.occurredAt, order: input.order, rider: input.rider, details: input.details });
  const sms = planSmsForEvent(input.sms, input.order, unsequenced);
  const record = input.answer?.record ?? null;
  const template = input.answer ? answerTemplate(input.answer, unsequenced, eventId) : null;
  const { order, orderWrite } = input;
  const [row] = await sql.query<{ deliveries: { id: string; endpointId: string }[]; answer_text: string | null; sequence: number; sms_id: string | null }>(
    RECORD_EVENT_SQL,
    [
      eventId,
      order.partnerId,
      order.id,
      input.details.event,
      input.occurredAt.toISOString(),
      JSON.stringify(unsequenced),
      sms ? `sms_${randomUUID().replace(/-/g, "")}` : null,
      sms?.toPhone ?? null,
      sms?.body ?? null,
      sms?.provider ?? null,
      record?.id ?? null,
      record?.apiKeyId ?? null,
      record?.key ?? null,
      record?.requestHash ?? null,
      record ? input.answer!.status : null,
      template?.text ?? null,
      orderWrite.kind === "create" ? order.merchantOrderRef : null,
      orderWrite.kind === "create" ? order.customerId : null,
      orderWrite.kind === "create" ? order.customerName : null,
      orderWrite.kind === "create" ? order.customerPhone : null,
      orderWrite.kind === "create" ? order.trackingToken : null,
      orderWrite.kind === "update" ? orderWrite.status : null,
      orderWrite.kind === "update" ? orderWrite.riderId : null,
      template?.deliveriesMark ?? null,
      template?.sequenceMark ?? null,
      orderWrite.kind === "create" ? (orderWrite.source ?? null) : null,
      orderWrite.kind === "create" ? (orderWrite.phoneIssue ?? null) : null,
    ],
    "waypoint_record_event",
  );
  return { eventId, payload: withSequence(unsequenced, row!.sequence), deliveries: row!.deliveries, smsId: row!.sms_id, answerText: row!.answer_text };
}
