"use client";

import { MessageSquareText, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { EVENT_LABELS, type EventType } from "@/lib/events/catalog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SmsStatusBadge } from "@/components/ui/status-badges";
import { DateTime } from "@/components/ui/date-time";

export type OutboxRow = {
  id: string;
  body: string;
  to: string;
  provider: string;
  status: "pending" | "retrying" | "sent" | "dead_lettered";
  attemptCount: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  eventType: EventType | null;
  orderId: string;
  orderRef: string;
};


/** The latest SMS, newest first, with what happened to each: "did the customer get a text?" */
export function SmsOutbox({ rows, smsEnabled, canRetry, onRetry }: { rows: OutboxRow[]; smsEnabled: boolean; canRetry: boolean; onRetry: (input: { messageId: string }) => Promise<ActionResult<{ id: string }>> }) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const retry = useActionMutation((messageId: string) => onRetry({ messageId }), {
    onSuccess: () => {
      toast.success("SMS queued to be sent again");
      startRefresh(() => router.refresh());
    },
    onError: (error) => toast.error(error.message),
  });

  const refresh = (
    <Button variant="outline" size="sm" disabled={refreshing} onClick={() => startRefresh(() => router.refresh())}>
      <RefreshCw className={refreshing ? "size-4 animate-spin" : "size-4"} aria-hidden /> Refresh
    </Button>
  );
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<MessageSquareText aria-hidden />}
        title="No SMS yet"
        description={
          smsEnabled
            ? "Messages appear here as soon as an order of yours changes status."
            : "Switch on “SMS to customers” above; each order event will then text the customer and show up here."
        }
        action={refresh}
      />
    );
  }
  return (
    <div className="grid gap-3">
      <div className="flex justify-end">{refresh}</div>
      <Table aria-label="SMS outbox">
        <TableHeader>
          <TableRow>
            <TableHead>Created</TableHead>
            <TableHead>Order</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>To</TableHead>
            <TableHead>Message</TableHead>
            <TableHead>Status</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((m) => (
            <TableRow key={m.id}>
              <TableCell className="whitespace-nowrap">
                <DateTime iso={m.createdAt} />
              </TableCell>
              <TableCell>
                <Link className="font-medium underline-offset-4 hover:underline" href={`/orders/${m.orderId}`}>
                  {m.orderRef}
                </Link>
              </TableCell>
              <TableCell className="whitespace-nowrap">{m.eventType ? EVENT_LABELS[m.eventType] : "—"}</TableCell>
              <TableCell className="whitespace-nowrap font-mono text-xs">{m.to}</TableCell>
              <TableCell className="max-w-md text-sm whitespace-pre-wrap">{m.body}</TableCell>
              <TableCell className="grid gap-1">
                <SmsStatusBadge status={m.status} />
                <span className="text-xs text-muted-foreground">
                  {m.sentAt ? `via ${m.provider}` : `${m.attemptCount} attempt${m.attemptCount === 1 ? "" : "s"}`}
                </span>
                {m.lastError ? <span className="text-xs text-destructive">{m.lastError}</span> : null}
                {m.status === "dead_lettered" && canRetry ? (
                  <Button variant="outline" size="sm" disabled={retry.isPending} onClick={() => retry.mutate(m.id)} aria-label={`Retry SMS for ${m.orderRef}`}>
                    Retry
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
