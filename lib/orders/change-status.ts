import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/types";
import { asSql, type Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { STATUS_FOR_EVENT, type OrderStatus } from "@/lib/events/catalog";
import type { IngestEventBody } from "@/lib/events/input";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { checkTransition } from "@/lib/events/transitions";
import { recordOrderEvent } from "@/lib/orders/record-event";
import type { IngestScope } from "@/lib/orders/create-order";
import { smsSettingsOf } from "@/lib/sms/enqueue-sms";
import type { IdempotencyRecord } from "@/lib/api-keys/idempotency";

type OrderRow = {
  id: string;
  partnerId: string;
  merchantOrderRef: string;
  customerId: string;
  customerName: string;
  customerPhone: string;
  trackingToken: string;
  status: OrderStatus;
  order_rider_id: string | null;
  rider_id: string | null;
  rider_name: string | null;
  rider_phone: string | null;
  name: string;
  sms_enabled: boolean;
  time_zone: string;
  template_body: string | null;
  template_enabled: boolean | null;
  phone_issue: string | null;
};

// Row lock (FOR UPDATE OF o): two status changes for one order are applied one after the
// other, never both against the same "current" status. The same read brings the rider, the
// partner's SMS settings and the template for this event type. When it had to wait for another
// status change, Postgres hands back the order's newest row but the rider joined from the
// statement's older snapshot (possibly none, or the previous one): order_rider_id tells, and
// the order is read again, now under the lock, with a fresh snapshot.
const LOCK_ORDER_SQL = `
SELECT o.id, o."partnerId", o."merchantOrderRef", o."customerId", o."customerName", o."customerPhone", o."trackingToken", o.status::text AS status,
       o."riderId" AS order_rider_id, r.id AS rider_id, r.name AS rider_name, r.phone AS rider_phone,
       p.name, p."smsEnabled" AS sms_enabled, p."timeZone" AS time_zone, t.body AS template_body, t.enabled AS template_enabled, o."phoneIssue" AS phone_issue
  FROM "Order" o
  JOIN "Partner" p ON p.id = o."partnerId"
  LEFT JOIN "Rider" r ON r.id = o."riderId"
  LEFT JOIN "SmsTemplate" t ON t."partnerId" = o."partnerId" AND t."eventType" = $2::"EventType"
 WHERE o.id = $1
   FOR UPDATE OF o`;

const UPSERT_RIDER_SQL = `
INSERT INTO "Rider" (id, "externalRef", name, phone) VALUES ($1, $2, $3, $4)
ON CONFLICT ("externalRef") DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone
RETURNING id, name, phone`;

/**
 * One status change, in the caller's transaction: the order row locked and checked against the
 * allowed transitions, then moved and recorded with its event in one statement.
 */
export async function changeOrderStatus(tx: Tx | Sql, scope: IngestScope, orderId: string, body: IngestEventBody, opts: { idempotency?: IdempotencyRecord | null } = {}) {
  const sql = asSql(tx);
  let [order] = await sql.query<OrderRow>(LOCK_ORDER_SQL, [orderId, body.event], "waypoint_lock_order");
  if (order && order.order_rider_id !== order.rider_id) [order] = await sql.query<OrderRow>(LOCK_ORDER_SQL, [orderId, body.event], "waypoint_lock_order");
  if (!order || (scope.partnerId && order.partnerId !== scope.partnerId)) throw new AppError("not_found", `Order ${orderId} not found.`);

  const transition = checkTransition(order.status, body.event);
  if (!transition.ok) throw new AppError("invalid_transition", transition.message);

  const current = order.rider_id ? { id: order.rider_id, name: order.rider_name!, phone: order.rider_phone! } : null;
  const rider = body.event === "out_for_delivery" ? await upsertRider(sql, body.rider) : current;
  const occurredAt = body.occurred_at ? new Date(body.occurred_at) : new Date();
  const status = STATUS_FOR_EVENT[body.event];
  const answer = (payload: PayloadV2, eventId: string, deliveries: number) => ({ event_id: eventId, order_id: order.id, status, deliveries, event: payload });
  const event = await recordOrderEvent(sql, {
    order,
    orderWrite: { kind: "update", status, riderId: rider?.id ?? null },
    // An order taken in with an unreadable phone (lenient order source) is never texted.
    sms: order.phone_issue ? { ...smsSettingsOf(order), smsEnabled: false } : smsSettingsOf(order),
    details: body,
    occurredAt,
    rider,
    answer: { record: opts.idempotency ?? null, status: 201, body: answer },
  });
  // text: the answer as the statement stored it, byte for byte what a repeat is sent.
  return { body: answer(event.payload, event.eventId, event.deliveries.length), text: event.answerText!, deliveries: event.deliveries, smsId: event.smsId };
}

async function upsertRider(sql: Sql, rider: { name: string; phone: string; id?: string }) {
  const externalRef = rider.id ?? `phone:${rider.phone}`;
  const [row] = await sql.query<{ id: string; name: string; phone: string }>(UPSERT_RIDER_SQL, [`rdr_${randomUUID().replace(/-/g, "")}`, externalRef, rider.name, rider.phone], "waypoint_upsert_rider");
  return row!;
}
