import { Badge } from "@/components/ui/badge";
import { EVENT_LABELS, EVENT_TYPES, type EventType } from "@/lib/events/catalog";

export function EndpointStatusBadge({ enabled }: { enabled: boolean }) {
  return enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="warning">Disabled</Badge>;
}

/** "All 5 events", or one badge per subscribed event. */
export function EventTypeBadges({ types }: { types: EventType[] }) {
  if (types.length === EVENT_TYPES.length) return <Badge variant="secondary">All {EVENT_TYPES.length} events</Badge>;
  return (
    <div className="flex flex-wrap gap-1">
      {types.map((t) => (
        <Badge key={t} variant="outline">
          {EVENT_LABELS[t]}
        </Badge>
      ))}
    </div>
  );
}
