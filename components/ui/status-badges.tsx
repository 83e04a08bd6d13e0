import { Badge } from "@/components/ui/badge";
import { STATUS_LABELS, type OrderStatus } from "@/lib/events/catalog";
import { DELIVERY_STATUS_LABELS, EVENT_LOG_STATUS_LABELS, type DeliveryStatus, type EventLogStatus } from "@/lib/event-log/status";

// Every status badge of the dashboard, in one place: an event's and a delivery's (Event Log,
// event page, order page), an order's, an SMS's. One colour per meaning: done is green, waiting
// grey, trying again amber, given up red. Labels come from lib (the same words the filters use).

type Variant = "success" | "warning" | "destructive" | "secondary" | "outline" | "default";

const EVENT_VARIANT: Record<EventLogStatus, Variant> = {
  delivered: "success",
  pending: "secondary",
  retrying: "warning",
  dead_lettered: "destructive",
  no_endpoints: "outline",
};

/** Did this event reach every endpoint? (lib/event-log/status.ts decides.) */
export function EventStatusBadge({ status }: { status: EventLogStatus }) {
  return (
    <Badge variant={EVENT_VARIANT[status]} data-status={status}>
      {EVENT_LOG_STATUS_LABELS[status]}
    </Badge>
  );
}

/** One delivery's state; `label` (the endpoint) goes before it in the Event Log's rows. */
export function DeliveryStatusBadge({ status, label }: { status: DeliveryStatus; label?: string }) {
  return (
    <Badge variant={EVENT_VARIANT[status]} data-status={status} title={label}>
      {label ? <span className="max-w-40 truncate font-normal">{label}</span> : null}
      {label ? <span aria-hidden>·</span> : null}
      {DELIVERY_STATUS_LABELS[status]}
    </Badge>
  );
}

const ORDER_VARIANT: Record<OrderStatus, Variant> = {
  confirmed: "secondary",
  out_for_delivery: "default",
  delivered: "success",
  delivery_failed: "destructive",
  return_initiated: "warning",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge variant={ORDER_VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}

const SMS_STATUS = {
  pending: { label: "Queued", variant: "secondary" },
  retrying: { label: "Retrying", variant: "warning" },
  sent: { label: "Sent", variant: "success" },
  dead_lettered: { label: "Failed", variant: "destructive" },
} as const;

export function SmsStatusBadge({ status }: { status: keyof typeof SMS_STATUS }) {
  const s = SMS_STATUS[status];
  return <Badge variant={s.variant}>{s.label}</Badge>;
}
