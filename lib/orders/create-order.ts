import "server-only";
import type { Tx } from "@/lib/db/types";
import { isUniqueViolation } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import type { CreateOrderBody } from "@/lib/events/input";
import { newId, newTrackingToken } from "@/lib/ids";
import { recordOrderEvent } from "@/lib/orders/record-event";
import { trackingUrl } from "@/lib/orders/tracking-url";

export type IngestScope = { partnerId: string | null };

export async function createOrder(tx: Tx, scope: IngestScope, body: CreateOrderBody) {
  const partnerId = resolvePartnerId(scope, body.partner_id);
  const partner = await tx.partner.findUnique({ where: { id: partnerId }, select: { id: true } });
  if (!partner) throw new AppError("not_found", `Partner ${partnerId} not found.`);
  const occurredAt = body.occurred_at ? new Date(body.occurred_at) : new Date();
  const order = await tx.order
    .create({
      data: {
        id: newId("ord"),
        partnerId,
        merchantOrderRef: body.merchant_order_ref,
        customerId: body.customer_id,
        customerName: body.customer_name,
        customerPhone: body.customer_phone,
        status: "confirmed",
        trackingToken: newTrackingToken(),
        createdAt: occurredAt,
      },
    })
    .catch((error) => {
      if (isUniqueViolation(error)) throw new AppError("conflict", `Order ${body.merchant_order_ref} already exists for this partner.`);
      throw error;
    });
  const event = await recordOrderEvent(tx, { order, details: { event: "order_confirmed" }, occurredAt });
  return {
    body: { order_id: order.id, status: order.status, tracking_url: trackingUrl(order.trackingToken), deliveries: event.deliveries.length, event: event.payload },
    deliveries: event.deliveries,
  };
}

function resolvePartnerId(scope: IngestScope, requested: string | undefined): string {
  if (scope.partnerId) {
    if (requested && requested !== scope.partnerId) throw new AppError("forbidden", "This API key is bound to another partner; omit partner_id or use that partner's id.");
    return scope.partnerId;
  }
  if (!requested) throw new AppError("validation_failed", "partner_id: required for an API key that is not bound to one partner");
  return requested;
}
