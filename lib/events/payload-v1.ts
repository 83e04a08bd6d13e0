// The v1 (older, flat) payload, still delivered to endpoints pinned to v1 until
// V1_END_OF_SUPPORT. It is rendered from the stored v2 payload, never stored itself, so
// the two versions cannot disagree about an event.
//
// v1 predates the "every key present" rule: `metadata` only holds the details that apply
// to this event (non-null v2 leaves), under the flat names v1 receivers already parse.
// v1 is frozen: v2 additions (such as `sequence`) are not carried here.
import type { EventType, OrderStatus } from "@/lib/events/catalog";
import type { PayloadV2 } from "@/lib/events/payload-v2";

export type PayloadV1Metadata = {
  merchant_order_ref: string;
  customer_id: string;
  rider_name?: string;
  rider_phone?: string; // masked, same value as v2 rider.phone_masked
  otp?: string;
  eta_from?: string;
  eta_to?: string;
  delivered_at?: string;
  confirmation_method?: string;
  failure_reason?: string;
  rescheduled_for?: string;
  return_reason?: string;
  return_condition?: string;
  pickup_eta?: string;
};

export type PayloadV1 = {
  event: EventType;
  order_id: string;
  status: OrderStatus;
  timestamp: string; // v2 occurred_at, ISO-8601 UTC
  metadata: PayloadV1Metadata;
  test?: true;
};

export function renderV1(v2: PayloadV2): PayloadV1 {
  const candidates: Record<keyof PayloadV1Metadata, string | null | undefined> = {
    merchant_order_ref: v2.merchant_order_ref,
    customer_id: v2.customer_id,
    rider_name: v2.rider.name,
    rider_phone: v2.rider.phone_masked,
    otp: v2.delivery.otp,
    eta_from: v2.delivery.eta_window.from,
    eta_to: v2.delivery.eta_window.to,
    delivered_at: v2.delivery.delivered_at,
    confirmation_method: v2.delivery.confirmation_method,
    failure_reason: v2.failure.reason_code,
    rescheduled_for: v2.failure.rescheduled_for,
    return_reason: v2.returns.reason_code,
    return_condition: v2.returns.condition,
    pickup_eta: v2.returns.pickup_eta,
  };
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(candidates)) {
    if (value !== null && value !== undefined) metadata[key] = value;
  }

  return {
    event: v2.event,
    order_id: v2.order_id,
    status: v2.status,
    timestamp: v2.occurred_at,
    metadata: metadata as PayloadV1Metadata,
    // A v1 receiver must be able to tell a test delivery apart as well.
    ...(v2.test ? { test: true as const } : {}),
  };
}
