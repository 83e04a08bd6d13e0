import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { EVENT_LABELS } from "@/lib/events/catalog";
import { maskPhone } from "@/lib/events/mask";
import { trackingUrl } from "@/lib/orders/tracking-url";
import { buildTrackingView } from "@/lib/tracking/build-view";
import { smsMessageView } from "@/lib/sms/message-view";

/**
 * Everything the Orders page shows about one order of one partner: its timeline (as the
 * customer sees it), the webhooks each event produced per endpoint, and the SMS it sent.
 * Another partner's order id is "not found", like one that does not exist.
 */
export async function getOrderDetail(partnerId: string, orderId: string) {
  const order = await db.order.findFirst({
    where: { id: orderId, partnerId },
    select: {
      id: true,
      merchantOrderRef: true,
      customerName: true,
      customerPhone: true,
      source: true,
      phoneIssue: true,
      status: true,
      trackingToken: true,
      createdAt: true,
      updatedAt: true,
      partner: { select: { name: true, trackingEnabled: true, timeZone: true } },
      events: {
        orderBy: { occurredAt: "asc" },
        select: {
          id: true,
          type: true,
          occurredAt: true,
          payload: true,
          deliveries: {
            orderBy: { createdAt: "asc" },
            select: { id: true, status: true, attemptCount: true, lastError: true, nextAttemptAt: true, deliveredAt: true, endpoint: { select: { url: true } } },
          },
        },
      },
      smsMessages: {
        orderBy: { createdAt: "asc" },
        select: { id: true, eventId: true, body: true, toPhone: true, provider: true, status: true, attemptCount: true, lastError: true, sentAt: true, createdAt: true },
      },
    },
  });
  if (!order) throw notFound(`Order ${orderId}`);

  const view = buildTrackingView({ ...order, merchantName: order.partner.name, merchantLogoUrl: null, timeZone: order.partner.timeZone }); // status and timeline only
  const labelOf = new Map(order.events.map((e) => [e.id, EVENT_LABELS[e.type]]));
  return {
    id: order.id,
    merchantOrderRef: order.merchantOrderRef,
    customerName: order.customerName,
    customerPhoneMasked: maskPhone(order.customerPhone),
    // "api", or the order source type that took it in; a lenient source's unusable phone (no SMS).
    source: order.source,
    phoneIssue: order.phoneIssue,
    status: order.status,
    statusLabel: view.status_label,
    createdAt: order.createdAt.toISOString(),
    trackingUrl: trackingUrl(order.trackingToken),
    trackingEnabled: order.partner.trackingEnabled,
    timeline: view.timeline,
    webhooks: order.events.flatMap((e) =>
      e.deliveries.map((d) => ({
        id: d.id,
        eventId: e.id,
        eventLabel: EVENT_LABELS[e.type],
        endpointUrl: d.endpoint.url,
        status: d.status,
        attemptCount: d.attemptCount,
        lastError: d.lastError,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
      })),
    ),
    sms: order.smsMessages.map((m) => ({ ...smsMessageView(m), eventLabel: m.eventId ? (labelOf.get(m.eventId) ?? null) : null })),
  };
}
export type OrderDetail = Awaited<ReturnType<typeof getOrderDetail>>;
