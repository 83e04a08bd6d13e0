import "server-only";
import type { Tx } from "@/lib/db/types";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { trackingUrl } from "@/lib/orders/tracking-url";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { SMS_MAX_EVENT_AGE_MS } from "@/lib/sms/policy";
import { configuredProviderName } from "@/lib/sms/providers";
import { renderTemplate } from "@/lib/sms/render-template";
import { SMS_CHANNEL } from "@/lib/sms/sms-channel";
import { valuesForEvent } from "@/lib/sms/values-for-event";

/**
 * The SMS half of the transactional outbox: called by recordOrderEvent inside the event's own
 * transaction, so the message exists exactly when the event does (a rolled-back status change
 * texts nobody; a committed one is never silently dropped). Returns the message id, or null
 * when no SMS is due: SMS off for the partner, the event's template switched off, or a stale
 * event (SMS_MAX_EVENT_AGE_MS).
 */
export async function enqueueSmsForEvent(tx: Tx, input: { orderId: string; eventId: string; payload: PayloadV2 }, now = new Date()) {
  if (now.getTime() - Date.parse(input.payload.occurred_at) > SMS_MAX_EVENT_AGE_MS) return null;
  // One read for everything: partners with SMS off pay only this.
  const order = await tx.order.findUnique({
    where: { id: input.orderId },
    select: {
      partnerId: true,
      customerName: true,
      customerPhone: true,
      trackingToken: true,
      partner: { select: { name: true, smsEnabled: true, smsTemplates: { where: { eventType: input.payload.event } } } },
    },
  });
  if (!order?.partner.smsEnabled) return null;
  const saved = order.partner.smsTemplates[0];
  if (saved && !saved.enabled) return null;

  const values = valuesForEvent(input.payload, {
    customerName: order.customerName,
    merchantName: order.partner.name,
    trackingLink: trackingUrl(order.trackingToken),
  });
  const message = await tx.smsMessage.create({
    data: {
      partnerId: order.partnerId,
      orderId: input.orderId,
      eventId: input.eventId,
      toPhone: order.customerPhone,
      body: renderTemplate(saved?.body ?? DEFAULT_SMS_TEMPLATES[input.payload.event], values),
      provider: configuredProviderName(),
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  // Delivered by Postgres only on commit: wakes the SMS engine in every process.
  await tx.$executeRaw`SELECT pg_notify(${SMS_CHANNEL}, '')`;
  return message.id;
}
