import { Badge } from "@/components/ui/badge";
import { DELIVERY_STATUS_LABELS, EVENT_LOG_STATUS_LABELS, type DeliveryStatus, type EventLogStatus } from "@/lib/event-log/status";

type Variant = "success" | "warning" | "destructive" | "secondary" | "outline";

const VARIANT: Record<EventLogStatus, Variant> = {
  delivered: "success",
  pending: "secondary",
  retrying: "warning",
  dead_lettered: "destructive",
  no_endpoints: "outline",
};

export function EventStatusBadge({ status }: { status: EventLogStatus }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {EVENT_LOG_STATUS_LABELS[status]}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status, label }: { status: DeliveryStatus; label?: string }) {
  return (
    <Badge variant={VARIANT[status]} data-status={status} title={label}>
      {label ? <span className="max-w-40 truncate font-normal">{label}</span> : null}
      {label ? <span aria-hidden>·</span> : null}
      {DELIVERY_STATUS_LABELS[status]}
    </Badge>
  );
}
