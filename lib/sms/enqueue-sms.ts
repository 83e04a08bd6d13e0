import "server-only";
import type { UnsequencedPayloadV2 } from "@/lib/events/payload-v2";
import { trackingUrl } from "@/lib/orders/tracking-url";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { SMS_MAX_EVENT_AGE_MS } from "@/lib/sms/policy";
import { configuredProviderName } from "@/lib/sms/providers";
import { renderTemplate } from "@/lib/sms/render-template";
import { valuesForEvent } from "@/lib/sms/values-for-event";

/** What the event's transaction read about the partner's SMS settings (one row, one query). */
export type SmsSettings = { partnerName: string; smsEnabled: boolean; templateBody: string | null; templateEnabled: boolean | null; /** Partner.timeZone: where the text's times are written. */ timeZone: string };
/** From the row the event's read returns (partner name, SMS switch, time zone, the event type's template). */
export const smsSettingsOf = (row: { name: string; sms_enabled: boolean; time_zone: string; template_body: string | null; template_enabled: boolean | null }): SmsSettings => ({
  partnerName: row.name,
  smsEnabled: row.sms_enabled,
  templateBody: row.template_body,
  templateEnabled: row.template_enabled,
  timeZone: row.time_zone,
});
export type SmsOrder = { customerName: string; customerPhone: string; trackingToken: string };
export type PlannedSms = { toPhone: string; body: string; provider: string };

/**
 * The SMS half of the transactional outbox: recordOrderEvent writes the planned message in the
 * event's own statement, so the message exists exactly when the event does (a rolled-back
 * status change texts nobody; a committed one is never silently dropped). Null when no SMS is
 * due: SMS off for the partner, the event's template switched off, or a stale event
 * (SMS_MAX_EVENT_AGE_MS).
 */
export function planSmsForEvent(settings: SmsSettings, order: SmsOrder, payload: UnsequencedPayloadV2, now = new Date()): PlannedSms | null {
  if (now.getTime() - Date.parse(payload.occurred_at) > SMS_MAX_EVENT_AGE_MS) return null;
  if (!settings.smsEnabled) return null;
  if (settings.templateEnabled === false) return null;
  const values = valuesForEvent(payload, {
    customerName: order.customerName,
    merchantName: settings.partnerName,
    trackingLink: trackingUrl(order.trackingToken),
    timeZone: settings.timeZone,
  });
  return {
    toPhone: order.customerPhone,
    body: renderTemplate(settings.templateBody ?? DEFAULT_SMS_TEMPLATES[payload.event], values),
    provider: configuredProviderName(),
  };
}
