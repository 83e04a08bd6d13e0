import "server-only";
import type { Tx } from "@/lib/db/types";
import { asSql, uniqueViolationOf, type Sql } from "@/lib/db/sql";
import type { AlsoRead } from "@/lib/api-keys/authenticate";
import type { IdempotencyRecord } from "@/lib/api-keys/idempotency";
import { AppError } from "@/lib/errors";
import type { CreateOrderBody } from "@/lib/events/input";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { newId, newTrackingToken } from "@/lib/ids";
import { recordOrderEvent } from "@/lib/orders/record-event";
import { trackingUrl } from "@/lib/orders/tracking-url";
import { smsSettingsOf } from "@/lib/sms/enqueue-sms";

export type IngestScope = { partnerId: string | null };

export type PartnerRow = { id: string; name: string; sms_enabled: boolean; time_zone: string; template_body: string | null; template_enabled: boolean | null };

// The partner and its order_confirmed SMS template: what the event needs, in one read.
const partnerSql = (partnerId: string) => `
SELECT p.id, p.name, p."smsEnabled" AS sms_enabled, p."timeZone" AS time_zone, t.body AS template_body, t.enabled AS template_enabled
  FROM "Partner" p
  LEFT JOIN "SmsTemplate" t ON t."partnerId" = p.id AND t."eventType" = 'order_confirmed'
 WHERE p.id = ${partnerId}`;
const PARTNER_SQL = partnerSql("$1");

/** The same read joined to the ingest key check, for a key bound to a partner (authenticateIngestKey's `also`). */
export const PARTNER_OF_KEY: AlsoRead = { sql: partnerSql(`k."partnerId"`), name: "partner_for_order" };

/**
 * Creates (confirms) an order and records its order_confirmed event: one read, then one
 * statement that writes the order, the event, its deliveries and SMS (and the idempotent
 * answer), so it needs no transaction of its own; inside a caller's transaction it joins it.
 */
export async function createOrder(
  tx: Tx | Sql,
  scope: IngestScope,
  body: CreateOrderBody,
  opts: {
    idempotency?: IdempotencyRecord | null;
    /** The partner as the ingest key check already read it (PARTNER_OF_KEY); read here otherwise. */
    partner?: PartnerRow | null;
    /** Order intake (lib/intake): the source's type, and a lenient source's phone flag (no SMS). */
    intake?: { source: string; phoneIssue: string | null };
  } = {},
) {
  const sql = asSql(tx);
  const partnerId = resolvePartnerId(scope, body.partner_id);
  const partner = opts.partner?.id === partnerId ? opts.partner : (await sql.query<PartnerRow>(PARTNER_SQL, [partnerId], "waypoint_partner_for_order"))[0];
  if (!partner) throw new AppError("not_found", `Partner ${partnerId} not found.`);
  const occurredAt = body.occurred_at ? new Date(body.occurred_at) : new Date();
  const order = {
    id: newId("ord"),
    partnerId,
    merchantOrderRef: body.merchant_order_ref,
    customerId: body.customer_id,
    customerName: body.customer_name,
    customerPhone: body.customer_phone,
    trackingToken: newTrackingToken(),
  };
  const answer = (payload: PayloadV2, deliveries: number) => ({ order_id: order.id, status: "confirmed" as const, tracking_url: trackingUrl(order.trackingToken), deliveries, event: payload });
  const event = await recordOrderEvent(sql, {
    order,
    orderWrite: { kind: "create", source: opts.intake?.source, phoneIssue: opts.intake?.phoneIssue },
    // A phone a lenient source could not read gets no SMS, now or on later events (change-status.ts).
    sms: opts.intake?.phoneIssue ? { ...smsSettingsOf(partner), smsEnabled: false } : smsSettingsOf(partner),
    details: { event: "order_confirmed" },
    occurredAt,
    answer: { record: opts.idempotency ?? null, status: 201, body: (payload, _eventId, deliveries) => answer(payload, deliveries) },
  }).catch((error: unknown) => {
    if (uniqueViolationOf(error) === "Order_partnerId_merchantOrderRef_key") throw new AppError("conflict", `Order ${body.merchant_order_ref} already exists for this partner.`);
    throw error;
  });
  // text: the answer as the statement stored it, byte for byte what a repeat is sent.
  return { body: answer(event.payload, event.deliveries.length), text: event.answerText!, deliveries: event.deliveries, smsId: event.smsId };
}

function resolvePartnerId(scope: IngestScope, requested: string | undefined): string {
  if (scope.partnerId) {
    if (requested && requested !== scope.partnerId) throw new AppError("forbidden", "This API key is bound to another partner; omit partner_id or use that partner's id.");
    return scope.partnerId;
  }
  if (!requested) throw new AppError("validation_failed", "partner_id: required for an API key that is not bound to one partner");
  return requested;
}
