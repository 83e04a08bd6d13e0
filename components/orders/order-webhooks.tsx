import { Webhook } from "lucide-react";
import Link from "next/link";
import type { DeliveryStatus } from "@/lib/event-log/status";
import { DeliveryStatusBadge } from "@/components/ui/status-badges";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DateTime } from "@/components/ui/date-time";

type Row = {
  id: string;
  eventLabel: string;
  endpointUrl: string;
  status: DeliveryStatus;
  attemptCount: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
};

/** One row per event and endpoint: did each webhook of this order arrive? */
export function OrderWebhooks({ rows }: { rows: Row[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<Webhook aria-hidden />}
        title="No webhooks for this order"
        description="None of your endpoints was subscribed to its events when they happened."
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/endpoints">Manage endpoints</Link>
          </Button>
        }
      />
    );
  }
  return (
    <Table aria-label="Webhooks">
      <TableHeader>
        <TableRow>
          <TableHead>Event</TableHead>
          <TableHead>Endpoint</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Attempts</TableHead>
          <TableHead>Detail</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((d) => (
          <TableRow key={d.id}>
            <TableCell className="whitespace-nowrap">{d.eventLabel}</TableCell>
            <TableCell className="max-w-xs truncate font-mono text-xs" title={d.endpointUrl}>
              {d.endpointUrl}
            </TableCell>
            <TableCell>
              <DeliveryStatusBadge status={d.status} />
            </TableCell>
            <TableCell className="tabular-nums">{d.attemptCount}</TableCell>
            <TableCell className="text-xs">
              {d.deliveredAt ? (
                <>
                  Delivered <DateTime iso={d.deliveredAt} />
                </>
              ) : null}
              {d.lastError ? <span className="text-destructive">{d.lastError}</span> : null}
              {d.nextAttemptAt ? <span className="block text-muted-foreground">Next attempt <DateTime iso={d.nextAttemptAt} /></span> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
