import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** An order with its timeline, for one partner only: another partner's id is "not found". */
export async function getOrderForPartner(partnerId: string, orderId: string) {
  const order = await db.order.findFirst({
    where: { id: orderId, partnerId },
    include: { events: { orderBy: { occurredAt: "asc" }, select: { id: true, type: true, occurredAt: true, payload: true } } },
  });
  if (!order) throw notFound(`Order ${orderId}`);
  return order;
}
