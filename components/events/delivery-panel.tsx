"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { ActionResult } from "@/lib/actions/types";
import { isRetryable } from "@/lib/event-log/status";
import type { EventDeliveryJson, RetryResultJson } from "@/lib/event-log/api-shape";
import { eventKeys } from "@/lib/query/events";
import { AttemptHistory } from "./attempt-history";
import { endpointLabel, formatRelative } from "./format";
import { DeliveryStatusBadge } from "@/components/ui/status-badges";
import { useNow } from "./use-now";
import { DateTime } from "@/components/ui/date-time";
import { formatDashboardDateTime } from "@/lib/time/format";

export type RetryDeliveryAction = (deliveryId: string) => Promise<ActionResult<RetryResultJson>>;

/** One endpoint's delivery of the event: state, the body as sent, attempts, and Retry. */
export function DeliveryPanel({ eventId, delivery, retryAction }: { eventId: string; delivery: EventDeliveryJson; retryAction: RetryDeliveryAction }) {
  const label = endpointLabel(delivery.endpoint.url, delivery.endpoint.description);
  const now = useNow();
  const queryClient = useQueryClient();
  const [lastResult, setLastResult] = useState<RetryResultJson | null>(null);
  const retry = useActionMutation(() => retryAction(delivery.delivery_id), {
    onSuccess: (data) => {
      setLastResult(data);
      if (data.outcome === "failed") toast.error(data.message);
      else toast.success(data.message);
      void queryClient.invalidateQueries({ queryKey: eventKeys.detail(eventId) });
      void queryClient.invalidateQueries({ queryKey: eventKeys.lists() });
    },
    onError: () => setLastResult(null),
  });

  return (
    <Card role="region" aria-label={`Delivery to ${label}`} data-delivery-id={delivery.delivery_id}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {label} <DeliveryStatusBadge status={delivery.status} />
        </CardTitle>
        <CardDescription className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-xs break-all">{delivery.endpoint.url}</span>
          <Badge variant="outline">{delivery.endpoint.format.toUpperCase()}</Badge>
          <Badge variant="outline">schema {delivery.endpoint.schema_version}</Badge>
          {delivery.endpoint.enabled ? null : <Badge variant="warning">Endpoint disabled</Badge>}
        </CardDescription>
        {isRetryable(delivery.status) ? (
          <CardAction>
            <Button onClick={() => retry.mutate()} disabled={retry.isPending} variant={delivery.status === "dead_lettered" ? "default" : "outline"}>
              <RotateCcw aria-hidden /> {retry.isPending ? "Retrying…" : "Retry now"}
            </Button>
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <Fact term="Attempts">{delivery.attempt_count}</Fact>
          <Fact term="Next attempt">
            {delivery.next_attempt_at ? (
              <time dateTime={delivery.next_attempt_at} title={formatDashboardDateTime(delivery.next_attempt_at, { seconds: true })}>
                {formatRelative(delivery.next_attempt_at, now)}
              </time>
            ) : delivery.status === "dead_lettered" ? "None: dead-lettered, retry by hand" : "None"}
          </Fact>
          {delivery.delivered_at ? <Fact term="Delivered">
              <DateTime iso={delivery.delivered_at} seconds />
            </Fact> : null}
          {delivery.dead_lettered_at ? <Fact term="Dead-lettered">
              <DateTime iso={delivery.dead_lettered_at} seconds />
            </Fact> : null}
        </dl>
        {delivery.last_error && delivery.status !== "delivered" ? (
          <p className="text-sm">
            <span className="font-medium">Last error: </span>
            <span data-testid="last-error">{delivery.last_error}</span>
          </p>
        ) : null}
        {retry.error ? <p className="text-sm text-destructive">{retry.error.message}</p> : null}
        {lastResult ? (
          <p role="status" className={lastResult.outcome === "failed" ? "text-sm text-destructive" : "text-sm"}>
            Retry result: {lastResult.message}
          </p>
        ) : null}
        <Tabs defaultValue="attempts">
          <TabsList>
            <TabsTrigger value="attempts">Attempts ({delivery.attempts.length})</TabsTrigger>
            <TabsTrigger value="payload">Payload as sent</TabsTrigger>
          </TabsList>
          <TabsContent value="attempts">
            <AttemptHistory attempts={delivery.attempts} />
          </TabsContent>
          <TabsContent value="payload">
            {delivery.request ? (
              <div className="grid gap-1">
                <p className="text-xs text-muted-foreground">Content-Type: {delivery.request.content_type} · rendered for this endpoint&apos;s format and schema version</p>
                <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 text-xs whitespace-pre-wrap break-all" aria-label={`Payload sent to ${label}`}>
                  {delivery.request.body}
                </pre>
              </div>
            ) : (
              <p className="text-sm text-destructive">The stored payload could not be rendered; this event cannot be sent. Contact Waypoint support.</p>
            )}
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
