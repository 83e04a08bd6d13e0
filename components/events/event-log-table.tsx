import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EVENT_LABELS } from "@/lib/events/catalog";
import type { EventLogItemJson } from "@/lib/event-log/api-shape";
import { endpointLabel } from "./format";
import { DeliveryStatusBadge, EventStatusBadge } from "@/components/ui/status-badges";
import { DateTime } from "@/components/ui/date-time";

export function EventLogTable({ events }: { events: EventLogItemJson[] }) {
  return (
    <Table aria-label="Events">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>Order</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Deliveries</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.event_id} data-event-id={e.event_id}>
            <TableCell className="text-muted-foreground tabular-nums">
              <DateTime iso={e.created_at} seconds />
            </TableCell>
            <TableCell>
              <Link href={`/events/${e.event_id}`} className="font-medium underline-offset-4 hover:underline" aria-label={`${EVENT_LABELS[e.event]}, order ${e.merchant_order_ref}: details`}>
                {EVENT_LABELS[e.event]}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs">{e.merchant_order_ref}</TableCell>
            <TableCell>
              <EventStatusBadge status={e.status} />
            </TableCell>
            <TableCell className="whitespace-normal">
              {e.deliveries.length === 0 ? (
                <span className="text-xs text-muted-foreground">Not sent: no endpoint subscribed</span>
              ) : (
                <div className="flex flex-wrap gap-1">
                  {e.deliveries.map((d) => (
                    <DeliveryStatusBadge key={d.delivery_id} status={d.status} label={endpointLabel(d.endpoint_url, d.endpoint_description)} />
                  ))}
                </div>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {e.attempts}
              {e.cli_attempts > 0 ? (
                <Badge variant="outline" className="ml-2" title={`${e.cli_attempts} forwarded by waypoint listen (CLI session); not counted in health`}>
                  CLI ×{e.cli_attempts}
                </Badge>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
