// The order state machine from SPEC "Events". The API calls checkTransition before writing
// anything, so a rejected event leaves no trace (the spec's "nothing is written").
import { STATUS_FOR_EVENT, type EventType, type OrderStatus } from "@/lib/events/catalog";

// Which events may follow each status. `null` is an order that does not exist yet: the
// only way in is order_confirmed, which order creation records.
// - delivery_failed -> out_for_delivery is the re-attempt loop.
// - delivered -> return_initiated is the only move after delivery.
// - return_initiated is final: returns are tracked inside that one event.
export const ALLOWED_NEXT_EVENTS: Readonly<Record<OrderStatus, readonly EventType[]>> = {
  confirmed: ["out_for_delivery"],
  out_for_delivery: ["delivered", "delivery_failed"],
  delivery_failed: ["out_for_delivery"],
  delivered: ["return_initiated"],
  return_initiated: [],
};
const NEW_ORDER_EVENTS: readonly EventType[] = ["order_confirmed"];

export type TransitionResult =
  | { ok: true; next: OrderStatus }
  | { ok: false; message: string; allowed: readonly EventType[] };

export function allowedNextEvents(current: OrderStatus | null): readonly EventType[] {
  return current === null ? NEW_ORDER_EVENTS : ALLOWED_NEXT_EVENTS[current];
}

export function checkTransition(current: OrderStatus | null, event: EventType): TransitionResult {
  const allowed = allowedNextEvents(current);
  if (allowed.includes(event)) return { ok: true, next: STATUS_FOR_EVENT[event] };
  return { ok: false, message: rejectionMessage(current, event, allowed), allowed };
}

// Written for the engineer reading a 409 in their logs: what the order is, what they sent,
// and what would have been accepted.
function rejectionMessage(
  current: OrderStatus | null,
  event: EventType,
  allowed: readonly EventType[],
): string {
  if (current === null) {
    return `Order does not exist yet; "${event}" is not allowed. Create the order first (POST /api/v1/orders), which records order_confirmed.`;
  }
  if (event === "order_confirmed") {
    return `Order is "${current}"; "order_confirmed" is only recorded when the order is created. Allowed next events: ${listOrNone(allowed)}.`;
  }
  if (allowed.length === 0) {
    return `Order is "${current}"; "${event}" is not allowed from there. "${current}" is final: no further events are accepted.`;
  }
  return `Order is "${current}"; "${event}" is not allowed from there. Allowed next events: ${listOrNone(allowed)}.`;
}

function listOrNone(events: readonly EventType[]): string {
  return events.length === 0 ? "none" : events.join(", ");
}
