// The placeholder values of one event, from its canonical v2 payload. Pure, so the editor's
// sample preview (sample-values.ts) goes through exactly the same formatting.
import { FAILURE_REASON_LABELS } from "@/lib/events/catalog";
import type { UnsequencedPayloadV2 } from "@/lib/events/payload-v2";
import type { PlaceholderValues } from "@/lib/sms/placeholders";
import { formatCustomerDateTime, formatCustomerWindow } from "@/lib/time/format";

// Said instead of a blank when an event that can carry a time arrived without one.
export const NOT_SCHEDULED = "to be confirmed";

export type SmsContext = {
  customerName: string;
  merchantName: string;
  trackingLink: string;
  /** The partner's time zone (Partner.timeZone): the times in the text are written there. */
  timeZone?: string;
};

export function valuesForEvent(payload: UnsequencedPayloadV2, context: SmsContext): PlaceholderValues {
  const { delivery, failure, returns, rider } = payload;
  const eta = delivery.eta_window.from && delivery.eta_window.to ? formatCustomerWindow(delivery.eta_window.from, delivery.eta_window.to, context.timeZone) : "";
  return {
    customer_name: context.customerName,
    merchant_name: context.merchantName,
    order_ref: payload.merchant_order_ref,
    tracking_link: context.trackingLink,
    rider_name: rider.name ?? "",
    // Already masked in the payload: the raw number never reaches a template.
    rider_phone: rider.phone_masked ?? "",
    otp: delivery.otp ?? "",
    eta_window: eta,
    failure_reason: failure.reason_code ? FAILURE_REASON_LABELS[failure.reason_code] : "",
    reschedule_slot: payload.event === "delivery_failed" ? (failure.rescheduled_for ? formatCustomerDateTime(failure.rescheduled_for, context.timeZone) : NOT_SCHEDULED) : "",
    pickup_eta: payload.event === "return_initiated" ? (returns.pickup_eta ? formatCustomerDateTime(returns.pickup_eta, context.timeZone) : NOT_SCHEDULED) : "",
  };
}
