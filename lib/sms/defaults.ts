// The templates a partner gets until they save their own: short, GSM-7 only (so one part is
// 160 characters), and each uses only the placeholders its event carries.
import type { EventType } from "@/lib/events/catalog";

export const DEFAULT_SMS_TEMPLATES: Record<EventType, string> = {
  order_confirmed: "Hi {{customer_name}}, your {{merchant_name}} order {{order_ref}} is confirmed. Track it: {{tracking_link}}",
  out_for_delivery:
    "{{order_ref}} is out for delivery with {{rider_name}} ({{rider_phone}}), arriving {{eta_window}}. Your OTP is {{otp}}; share it only at handover. {{tracking_link}}",
  delivered: "Your {{merchant_name}} order {{order_ref}} has been delivered. Thank you, {{customer_name}}!",
  delivery_failed: "We couldn't deliver {{order_ref}}: {{failure_reason}}. Next attempt: {{reschedule_slot}}. Track: {{tracking_link}}",
  return_initiated: "Return of {{order_ref}} started. Pickup: {{pickup_eta}}. Track: {{tracking_link}}",
};

/** Longest template we store: about six SMS parts, already more than anyone should send. */
export const MAX_TEMPLATE_LENGTH = 1000;
