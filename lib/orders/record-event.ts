import "server-only";
import type { Tx } from "@/lib/db/types";
import { buildPayloadV2, type EventDetails } from "@/lib/events/payload-v2";
import { newId } from "@/lib/ids";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { enqueueSmsForEvent } from "@/lib/sms/enqueue-sms";

type OrderRef = { id: string; partnerId: string; merchantOrderRef: string; customerId: string };

/**
 * The transactional outbox: the event row and one delivery row per subscribed endpoint are
 * written in the caller's transaction, with the order change. If the transaction commits,
 * the event exists and will be delivered; if it rolls back, nothing was ever sent.
 */
export async function recordOrderEvent(
  tx: Tx,
  input: { order: OrderRef; details: EventDetails; occurredAt: Date; rider?: { name: string; phone: string } | null },
) {
  const eventId = newId("evt");
  const payload = buildPayloadV2({ eventId, occurredAt: input.occurredAt, order: input.order, rider: input.rider, details: input.details });
  await tx.orderEvent.create({
    data: { id: eventId, partnerId: input.order.partnerId, orderId: input.order.id, type: input.details.event, occurredAt: input.occurredAt, payload },
  });
  // Layer 1: the customer's SMS (when the partner has SMS on) joins the same transaction.
  await enqueueSmsForEvent(tx, { orderId: input.order.id, eventId, payload });
  const endpoints = await tx.endpoint.findMany({
    where: { partnerId: input.order.partnerId, enabled: true, eventTypes: { has: input.details.event } },
    select: { id: true },
  });
  const now = new Date();
  const deliveries = endpoints.map((e) => ({ id: newId("dlv"), eventId, endpointId: e.id, partnerId: input.order.partnerId, nextAttemptAt: now }));
  if (deliveries.length) {
    await tx.delivery.createMany({ data: deliveries });
    // Delivered by Postgres only if this transaction commits: wakes every engine process.
    await tx.$executeRaw`SELECT pg_notify(${DELIVERY_CHANNEL}, '')`;
  }
  return { eventId, payload, deliveries: deliveries.map((d) => ({ id: d.id, endpointId: d.endpointId })) };
}
