import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { EVENT_TYPES, type EventType } from "@/lib/events/catalog";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";

export type SmsTemplateSetting = { eventType: EventType; body: string; enabled: boolean; isDefault: boolean; updatedAt: string | null };

/** The Tracking & SMS page's settings: both switches, the customers' time zone and the template in force per event. */
export async function getSmsSettings(partnerId: string) {
  const partner = await db.partner.findUnique({
    where: { id: partnerId },
    select: { name: true, trackingEnabled: true, smsEnabled: true, timeZone: true, smsTemplates: true },
  });
  if (!partner) throw notFound("Partner");
  const templates: SmsTemplateSetting[] = EVENT_TYPES.map((eventType) => {
    const saved = partner.smsTemplates.find((t) => t.eventType === eventType);
    return saved
      ? { eventType, body: saved.body, enabled: saved.enabled, isDefault: false, updatedAt: saved.updatedAt.toISOString() }
      : { eventType, body: DEFAULT_SMS_TEMPLATES[eventType], enabled: true, isDefault: true, updatedAt: null };
  });
  return { merchantName: partner.name, trackingEnabled: partner.trackingEnabled, smsEnabled: partner.smsEnabled, timeZone: partner.timeZone, templates };
}
