// Synthetic payloads for "Send Test Event" and the docs page. They go through the same
// builder as real events, so a partner tests against exactly the shape they will receive.
import type { EventType } from "@/lib/events/catalog";
import { buildPayloadV2, withTestFlag, type EventDetails, type PayloadV2 } from "@/lib/events/payload-v2";

export type SampleOptions = {
  test?: boolean; // default true: a sample sent to a live endpoint must be recognisable
  now?: Date; // pins timestamps (tests, docs); defaults to the current time
  eventId?: string; // defaults to a fresh id: each test send is its own webhook-id
};

const MINUTE = 60_000;

// Where each event sits in a typical order's life (its `sequence`): confirmed, out, then
// delivered or failed, and a return after delivery.
const SAMPLE_SEQUENCE: Record<EventType, number> = { order_confirmed: 1, out_for_delivery: 2, delivered: 3, delivery_failed: 3, return_initiated: 4 };

function detailsFor(event: EventType, now: number): EventDetails {
  const at = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
  switch (event) {
    case "order_confirmed":
      return { event };
    case "out_for_delivery":
      return {
        event,
        rider: { name: "Rajesh Kumar", phone: "+919876543214", id: "rider_test_042" },
        otp: "8821",
        eta_window: { from: at(30), to: at(90) },
      };
    case "delivered":
      return { event, confirmation_method: "otp" };
    case "delivery_failed":
      return { event, reason_code: "customer_unavailable", rescheduled_for: at(24 * 60) };
    case "return_initiated":
      return { event, reason_code: "size_mismatch", condition: "unopened", pickup_eta: at(26 * 60) };
  }
}

export function samplePayload(event: EventType, options: SampleOptions = {}): PayloadV2 {
  const now = (options.now ?? new Date()).getTime();
  const payload = buildPayloadV2({
    eventId: options.eventId ?? `evt_test_${crypto.randomUUID().replace(/-/g, "")}`,
    occurredAt: new Date(now),
    order: { id: "ord_test_4820193", merchantOrderRef: "ORD-4820193", customerId: "cust_test_1187" },
    // The order's rider for delivered/delivery_failed (out_for_delivery brings its own).
    rider: { name: "Rajesh Kumar", phone: "+919876543214" },
    details: detailsFor(event, now),
    sequence: SAMPLE_SEQUENCE[event],
  });
  return options.test === false ? payload : withTestFlag(payload);
}
