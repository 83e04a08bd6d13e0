import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import type { EndpointView, TestSendSummary } from "@/lib/endpoints/view";
import { EndpointRowMenu } from "./endpoint-actions";
import type { DeleteAction, UpdateAction } from "./endpoint-dialogs";
import { EndpointStatusBadge, EventTypeBadges } from "./endpoint-status";
import { FORMAT_LABELS } from "./format";
import { DESTINATION_LABELS, describeDestination } from "@/lib/delivery/destinations/config";
import { DateTime } from "@/components/ui/date-time";
import { formatDay } from "@/lib/time/format";

type Props = {
  endpoints: EndpointView[];
  lastTests: Record<string, TestSendSummary>;
  canAdminister: boolean;
  update: UpdateAction;
  remove: DeleteAction;
};

export function LastTestBadge({ test }: { test?: TestSendSummary }) {
  if (!test) return <span className="text-xs text-muted-foreground">Not tested yet</span>;
  const label = test.statusCode ? `HTTP ${test.statusCode}` : "No answer";
  return (
    <span className="grid gap-0.5">
      <Badge variant={test.success ? "success" : "destructive"}>{label}</Badge>
      <DateTime iso={test.sentAt} className="text-xs text-muted-foreground" />
    </span>
  );
}

export function EndpointsTable({ endpoints, lastTests, canAdminister, update, remove }: Props) {
  return (
    <div className="rounded-lg border">
      <Table aria-label="Endpoints">
        <TableHeader>
          <TableRow>
            <TableHead>Endpoint</TableHead>
            <TableHead>Events</TableHead>
            <TableHead>Format</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Last test</TableHead>
            <TableHead>Created</TableHead>
            <TableHead className="w-12">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {endpoints.map((e) => (
            <TableRow key={e.id} data-testid="endpoint-row">
              <TableCell className="max-w-80 whitespace-normal">
                <Link href={`/endpoints/${e.id}`} className="font-mono text-sm break-all text-primary underline-offset-4 hover:underline">
                  {e.url}
                </Link>
                {e.destinationType !== "http" ? (
                  <p className="mt-1 text-xs text-muted-foreground" data-testid="endpoint-destination">
                    {describeDestination(e.destinationType, DESTINATION_LABELS[e.destinationType], e.destination)}
                  </p>
                ) : null}
                {e.description ? <p className="mt-1 text-xs text-muted-foreground">{e.description}</p> : null}
              </TableCell>
              <TableCell className="max-w-64 whitespace-normal">
                <EventTypeBadges types={e.eventTypes} />
              </TableCell>
              <TableCell>
                {FORMAT_LABELS[e.format]} · {e.schemaVersion}
              </TableCell>
              <TableCell className="max-w-56 whitespace-normal">
                <EndpointStatusBadge enabled={e.enabled} />
                {!e.enabled && e.disabledReason ? <p className="mt-1 text-xs text-muted-foreground">{e.disabledReason}</p> : null}
              </TableCell>
              <TableCell>
                <LastTestBadge test={lastTests[e.id]} />
              </TableCell>
              <TableCell className="text-sm text-muted-foreground">{formatDay(e.createdAt)}</TableCell>
              <TableCell>
                <EndpointRowMenu endpoint={e} update={update} remove={remove} canAdminister={canAdminister} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
