// What the public tracking page shows, and all the JSON route (GET /api/t/{token}) sends: one
// order's customer-facing facts. No ids, no customer phone, nothing of other orders. Pure.
import { z } from "zod";
import { EVENT_TYPES, ORDER_STATUSES } from "@/lib/events/catalog";

const iso = z.iso.datetime();

export const TrackingViewSchema = z.strictObject({
  merchant_name: z.string(),
  // The partner's uploaded logo (/logos/{random id}), or null: the page shows the name alone.
  merchant_logo_url: z.string().nullable(),
  order_ref: z.string(),
  status: z.enum(ORDER_STATUSES),
  status_label: z.string(),
  timeline: z.array(z.strictObject({ event: z.enum(EVENT_TYPES), label: z.string(), occurred_at: iso, note: z.string().nullable() })),
  // Only while the order is out for delivery: who is coming, the OTP to give them, and when.
  out_for_delivery: z
    .strictObject({ rider_name: z.string().nullable(), rider_phone_masked: z.string().nullable(), otp: z.string().nullable(), eta_from: iso.nullable(), eta_to: iso.nullable() })
    .nullable(),
  failure: z.strictObject({ reason: z.string(), rescheduled_for: iso.nullable() }).nullable(),
  delivered_at: iso.nullable(),
  return_pickup_eta: iso.nullable(),
  updated_at: iso,
});
export type TrackingView = z.infer<typeof TrackingViewSchema>;

export const TRACKING_UNAVAILABLE = "Tracking isn't available for this merchant.";
export const TRACKING_NOT_FOUND = "This tracking link doesn't exist.";
