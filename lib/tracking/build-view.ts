// An order and its events -> the public tracking view. Pure: the stored payloads are the
// source, the same ones the webhooks carried, so page and webhooks never disagree.
import { EVENT_LABELS, FAILURE_REASON_LABELS, STATUS_LABELS, type OrderStatus } from "@/lib/events/catalog";
import { parseStoredPayload, type PayloadV2 } from "@/lib/events/payload-v2";
import { DEFAULT_PARTNER_TIME_ZONE, formatCustomerDateTime } from "@/lib/time/format";
import type { TrackingView } from "@/lib/tracking/view";

export type TrackedOrder = {
  merchantName: string;
  merchantLogoUrl: string | null;
  merchantOrderRef: string;
  status: OrderStatus;
  updatedAt: Date;
  events: { payload: unknown }[]; // oldest first
  /** Partner.timeZone: the notes' times are written there (lib/time/format.ts). */
  timeZone?: string;
};

export function buildTrackingView(order: TrackedOrder): TrackingView {
  const events = order.events.map((e) => parseStoredPayload(e.payload));
  const latest = (event: PayloadV2["event"]) => events.findLast((e) => e.event === event) ?? null;
  const ofd = order.status === "out_for_delivery" ? latest("out_for_delivery") : null;
  const failed = order.status === "delivery_failed" ? latest("delivery_failed") : null;
  const delivered = order.status === "delivered" || order.status === "return_initiated" ? latest("delivered") : null;
  const returned = order.status === "return_initiated" ? latest("return_initiated") : null;

  return {
    merchant_name: order.merchantName,
    merchant_logo_url: order.merchantLogoUrl,
    order_ref: order.merchantOrderRef,
    status: order.status,
    status_label: STATUS_LABELS[order.status],
    timeline: events.map((e) => ({ event: e.event, label: EVENT_LABELS[e.event], occurred_at: e.occurred_at, note: noteFor(e, order.timeZone ?? DEFAULT_PARTNER_TIME_ZONE) })),
    out_for_delivery: ofd
      ? {
          rider_name: ofd.rider.name,
          rider_phone_masked: ofd.rider.phone_masked,
          otp: ofd.delivery.otp,
          eta_from: ofd.delivery.eta_window.from,
          eta_to: ofd.delivery.eta_window.to,
        }
      : null,
    failure: failed?.failure.reason_code
      ? { reason: FAILURE_REASON_LABELS[failed.failure.reason_code], rescheduled_for: failed.failure.rescheduled_for }
      : null,
    delivered_at: delivered?.delivery.delivered_at ?? null,
    return_pickup_eta: returned?.returns.pickup_eta ?? null,
    updated_at: order.updatedAt.toISOString(),
  };
}

// One line under a timeline step, in the customer's words. Never the OTP: past steps stay
// visible after delivery, and a code is only for the moment of handover.
function noteFor(e: PayloadV2, timeZone: string): string | null {
  switch (e.event) {
    case "out_for_delivery":
      return e.rider.name ? `With ${e.rider.name}` : null;
    case "delivery_failed":
      return e.failure.reason_code
        ? `${FAILURE_REASON_LABELS[e.failure.reason_code]}${e.failure.rescheduled_for ? `. Next attempt ${formatCustomerDateTime(e.failure.rescheduled_for, timeZone)}` : ""}`
        : null;
    case "return_initiated":
      return e.returns.pickup_eta ? `Pickup ${formatCustomerDateTime(e.returns.pickup_eta, timeZone)}` : null;
    default:
      return null;
  }
}
