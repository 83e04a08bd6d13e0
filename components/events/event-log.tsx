"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Activity, FilterX, SearchX } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { eventLogQuery, eventLogQueryOptions, EVENT_LOG_POLL_MS } from "@/lib/query/events";
import type { IgnoredFilter } from "@/lib/event-log/ignored-filters";
import { EventLogFilters } from "./event-log-filters";
import { EventLogTable } from "./event-log-table";
import { RetryAllButton, type RetryAllAction } from "./retry-all-button";
import { useEventLogView } from "./use-event-log-view";

export function EventLog({ retryAllAction }: { retryAllAction: RetryAllAction }) {
  const { view, clear, filtered, ignored, dropIgnored } = useEventLogView();
  const { data, error, isPending, isPlaceholderData, dataUpdatedAt } = useQuery(eventLogQueryOptions(view));

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <EventLogFilters />
        <div className="flex items-center gap-3">
          <LiveIndicator updatedAt={dataUpdatedAt} failing={Boolean(error)} />
          <RetryAllButton count={data?.failed_deliveries ?? 0} query={eventLogQuery(view)} action={retryAllAction} />
        </div>
      </div>

      {ignored.length > 0 ? <IgnoredFiltersNotice ignored={ignored} onDrop={dropIgnored} /> : null}

      {error && data ? (
        <p className="text-sm text-destructive">Live updates paused: {error.message} Showing the last list received.</p>
      ) : null}

      {isPending ? (
        <div className="grid gap-2" aria-busy="true" aria-label="Loading events">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : !data ? (
        <Alert variant="destructive">
          <AlertTitle>The Event Log could not be loaded</AlertTitle>
          <AlertDescription>{error?.message}</AlertDescription>
        </Alert>
      ) : data.events.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchX />}
            title="No events match these filters"
            description="Try another event type, status or time range, or clear the filters to see the latest events."
            action={<Button variant="outline" onClick={clear}>Clear filters</Button>}
          />
        ) : (
          <EmptyState
            icon={<Activity />}
            title="No events yet"
            description="An event is recorded each time your OMS posts an order status change. Register an endpoint to have them delivered, and they appear here live."
            action={<Button asChild variant="outline"><Link href="/endpoints">Go to Endpoints</Link></Button>}
          />
        )
      ) : (
        <div className={isPlaceholderData ? "opacity-60 transition-opacity" : undefined}>
          <EventLogTable events={data.events} />
          <p className="mt-2 text-xs text-muted-foreground">
            {data.events.length === data.limit
              ? `Showing the newest ${data.limit} matching events. Narrow the filters to look further back.`
              : `${data.events.length} matching ${data.events.length === 1 ? "event" : "events"}.`}
          </p>
        </div>
      )}
    </div>
  );
}

/** The link asked for a filter the list is not using: name it, the allowed values, and offer to drop it. */
function IgnoredFiltersNotice({ ignored, onDrop }: { ignored: IgnoredFilter[]; onDrop: () => void }) {
  return (
    <Alert variant="warning">
      <FilterX />
      <AlertTitle>{ignored.length === 1 ? "One filter in this link is not applied" : `${ignored.length} filters in this link are not applied`}</AlertTitle>
      <AlertDescription>
        <ul className="grid gap-1">
          {ignored.map((i) => (
            <li key={`${i.param}=${i.value}`}>
              <code className="font-mono">
                {i.param}={i.value}
              </code>{" "}
              {i.reason}
            </li>
          ))}
        </ul>
        <p>The list below is filtered only by what the controls show.</p>
        <Button variant="outline" size="sm" className="mt-1" onClick={onDrop}>
          Remove from the link
        </Button>
      </AlertDescription>
    </Alert>
  );
}

function LiveIndicator({ updatedAt, failing }: { updatedAt: number; failing: boolean }) {
  return (
    <span className="flex items-center gap-2 text-xs text-muted-foreground" title={`Refreshes every ${EVENT_LOG_POLL_MS / 1000} s`}>
      <span className={`size-2 rounded-full ${failing ? "bg-destructive" : "animate-pulse bg-success"}`} aria-hidden />
      {failing ? "Reconnecting…" : "Live"}
      {updatedAt ? <span className="sr-only">updated {new Date(updatedAt).toLocaleTimeString()}</span> : null}
    </span>
  );
}
