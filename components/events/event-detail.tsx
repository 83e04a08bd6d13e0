"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/layout/page-header";
import { EVENT_LABELS } from "@/lib/events/catalog";
import type { EventDetailJson } from "@/lib/event-log/api-shape";
import { eventDetailQueryOptions } from "@/lib/query/events";
import { CliAttempts } from "./cli-attempts";
import { DeliveryPanel, type RetryDeliveryAction } from "./delivery-panel";
import { EventStatusBadge } from "@/components/ui/status-badges";
import { DateTime } from "@/components/ui/date-time";

/** One event: rendered on the server, then kept live by polling GET /api/v1/events/{id}. */
export function EventDetail({ initial, retryAction }: { initial: EventDetailJson; retryAction: RetryDeliveryAction }) {
  const { data = initial, error } = useQuery({ ...eventDetailQueryOptions(initial.event_id), initialData: initial });
  return (
    <div className="grid gap-6">
      <Button asChild variant="link" className="w-fit px-0">
        <Link href="/events">
          <ArrowLeft aria-hidden /> Event Log
        </Link>
      </Button>
      <PageHeader
        title={`${EVENT_LABELS[data.event]} · ${data.merchant_order_ref}`}
        description={
          <>
            Event {data.event_id} · #{data.sequence} for this order · received <DateTime iso={data.created_at} seconds /> · occurred <DateTime iso={data.occurred_at} seconds />
          </>
        }
        actions={<EventStatusBadge status={data.status} />}
      />
      {error ? <p className="text-sm text-destructive">Live updates paused: {error.message}</p> : null}
      {data.deliveries.length === 0 ? (
        <>
          <Alert>
            <AlertTitle>Not delivered anywhere</AlertTitle>
            <AlertDescription>
              No enabled endpoint was subscribed to “{EVENT_LABELS[data.event]}” when this event happened, so nothing was sent. Endpoints added later
              receive new events only.
            </AlertDescription>
          </Alert>
          <section aria-label="Payload" className="grid gap-2">
            <h2 className="text-sm font-medium">Payload (schema v2)</h2>
            <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 text-xs">{JSON.stringify(data.payload, null, 2)}</pre>
          </section>
        </>
      ) : (
        data.deliveries.map((d) => <DeliveryPanel key={d.delivery_id} eventId={data.event_id} delivery={d} retryAction={retryAction} />)
      )}
      <CliAttempts attempts={data.cli_attempts} />
    </div>
  );
}
