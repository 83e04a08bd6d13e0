import "server-only";
import type { Tx } from "@/lib/db/types";
import { AppError } from "@/lib/errors";
import { STATUS_FOR_EVENT } from "@/lib/events/catalog";
import type { IngestEventBody } from "@/lib/events/input";
import { checkTransition } from "@/lib/events/transitions";
import { recordOrderEvent } from "@/lib/orders/record-event";
import type { IngestScope } from "@/lib/orders/create-order";

/** One status change: checked against the allowed transitions, then written with its event. */
export async function changeOrderStatus(tx: Tx, scope: IngestScope, orderId: string, body: IngestEventBody) {
  // Row lock: two status changes for one order are applied one after the other, never both
  // against the same "current" status.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
  const order = locked.length ? await tx.order.findUnique({ where: { id: orderId }, include: { rider: true } }) : null;
  if (!order || (scope.partnerId && order.partnerId !== scope.partnerId)) throw new AppError("not_found", `Order ${orderId} not found.`);

  const transition = checkTransition(order.status, body.event);
  if (!transition.ok) throw new AppError("invalid_transition", transition.message);

  const rider = body.event === "out_for_delivery" ? await upsertRider(tx, body.rider) : order.rider;
  const occurredAt = body.occurred_at ? new Date(body.occurred_at) : new Date();
  await tx.order.update({ where: { id: order.id }, data: { status: STATUS_FOR_EVENT[body.event], riderId: rider?.id ?? null } });
  const event = await recordOrderEvent(tx, { order, details: body, occurredAt, rider });
  return {
    body: { event_id: event.eventId, order_id: order.id, status: STATUS_FOR_EVENT[body.event], deliveries: event.deliveries.length, event: event.payload },
    deliveries: event.deliveries,
  };
}

function upsertRider(tx: Tx, rider: { name: string; phone: string; id?: string }) {
  const externalRef = rider.id ?? `phone:${rider.phone}`;
  return tx.rider.upsert({
    where: { externalRef },
    create: { externalRef, name: rider.name, phone: rider.phone },
    update: { name: rider.name, phone: rider.phone },
  });
}
