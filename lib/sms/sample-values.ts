// Sample data for the template editor's live preview: the same synthetic events "Send Test
// Event" uses, through the same formatting as real messages.
import type { EventType } from "@/lib/events/catalog";
import { samplePayload } from "@/lib/events/sample";
import type { PlaceholderValues } from "@/lib/sms/placeholders";
import { valuesForEvent } from "@/lib/sms/values-for-event";

export const SAMPLE_CUSTOMER_NAME = "Diya Iyer";

/** `trackingLink` is a real-length link on this deployment's host (its length counts). */
export function sampleValues(event: EventType, context: { merchantName: string; trackingLink: string; now?: Date; timeZone?: string }): PlaceholderValues {
  const payload = samplePayload(event, { test: false, now: context.now ?? new Date(), eventId: "evt_preview" });
  return valuesForEvent(payload, { customerName: SAMPLE_CUSTOMER_NAME, merchantName: context.merchantName, trackingLink: context.trackingLink, timeZone: context.timeZone });
}
