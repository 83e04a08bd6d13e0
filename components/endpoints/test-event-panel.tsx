"use client";

import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Send } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { ActionResult } from "@/lib/actions/types";
import { EVENT_LABELS, EVENT_TYPES, type EventType } from "@/lib/events/catalog";
import type { TestSendResult } from "@/lib/endpoints/view";
import { endpointKeys, testPreviewQueryOptions } from "@/lib/query/endpoints";
import { RequestView } from "./request-view";
import { TestResult } from "./test-result";
import { useActionMutation } from "@/components/actions/use-action-mutation";

type SendInput = { endpointId: string; eventType: EventType; eventId?: string; occurredAt?: string };
type Props = {
  endpoint: { id: string; url: string; enabled: boolean; eventTypes: EventType[]; updatedAt: string };
  timeoutMs: number;
  send: (input: SendInput) => Promise<ActionResult<TestSendResult>>;
};

/**
 * Send Test Event: pick a type, see the exact body and headers, send, and read what the
 * endpoint answered. The preview's event id and time are sent back so the request that goes
 * out is the one on screen (only the signature timestamp is fresh).
 */
export function TestEventPanel({ endpoint, timeoutMs, send }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [eventType, setEventType] = useState<EventType>(endpoint.eventTypes[0] ?? "order_confirmed");
  const [result, setResult] = useState<TestSendResult | null>(null);
  const preview = useQuery(testPreviewQueryOptions(endpoint.id, endpoint.updatedAt, eventType));

  const sending = useActionMutation(send, {
    onSuccess: (r) => {
      setResult(r);
      // The next send gets a fresh event id, as a new event would.
      void queryClient.invalidateQueries({ queryKey: endpointKeys.testPreview(endpoint.id, endpoint.updatedAt, eventType) });
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });

  function onSend() {
    setResult(null);
    sending.mutate({ endpointId: endpoint.id, eventType, eventId: preview.data?.eventId, occurredAt: preview.data?.occurredAt });
  }

  const subscribed = endpoint.eventTypes.includes(eventType);
  return (
    <Card id="test">
      <CardHeader>
        <CardTitle>Send test event</CardTitle>
        <CardDescription>
          A synthetic event marked <code>&quot;test&quot;: true</code>, signed with this endpoint&apos;s secret and sent to its URL now. It is kept in the history
          below but never counted in delivery health.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-2">
            <Label htmlFor="test-event-type">Event type</Label>
            <Select value={eventType} onValueChange={(v) => setEventType(v as EventType)}>
              <SelectTrigger id="test-event-type" className="w-56" aria-label="Event type">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {EVENT_TYPES.map((t) => (
                  <SelectItem key={t} value={t}>
                    {EVENT_LABELS[t]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Button type="button" onClick={onSend} disabled={sending.isPending || !preview.data}>
            <Send aria-hidden />
            {sending.isPending ? "Sending…" : "Send test event"}
          </Button>
          {sending.isPending ? <span className="text-sm text-muted-foreground">Waiting up to {timeoutMs / 1000} s for your endpoint to answer…</span> : null}
        </div>
        {!subscribed ? (
          <p className="text-sm text-muted-foreground">This endpoint is not subscribed to {EVENT_LABELS[eventType]}: you can test it, but real ones will not be sent here.</p>
        ) : null}
        {!endpoint.enabled ? <p className="text-sm text-muted-foreground">The endpoint is disabled: test events still go out, real events do not.</p> : null}

        <div aria-live="polite">{result ? <TestResult result={result} /> : null}</div>

        <section aria-label="Preview" className="grid gap-2">
          <h3 className="text-sm font-medium">What will be sent</h3>
          {preview.isPending ? (
            <Skeleton className="h-40 w-full" />
          ) : preview.isError ? (
            <p className="text-sm text-destructive">{preview.error.message}</p>
          ) : (
            <RequestView request={preview.data} note="The signature is computed again at send time, with the current timestamp." />
          )}
        </section>
      </CardContent>
    </Card>
  );
}
