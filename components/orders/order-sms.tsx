import { MessageSquareText } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SmsStatusBadge } from "@/components/ui/status-badges";
import { DateTime } from "@/components/ui/date-time";

type Row = {
  id: string;
  eventLabel: string | null;
  body: string;
  to: string;
  provider: string;
  status: "pending" | "retrying" | "sent" | "dead_lettered";
  attemptCount: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
};

/** The texts this order sent the customer, exactly as sent, and what happened to each. */
export function OrderSms({ rows }: { rows: Row[] }) {
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<MessageSquareText aria-hidden />}
        title="No SMS for this order"
        description="SMS was off, or the events happened before it was switched on."
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/tracking">Tracking & SMS settings</Link>
          </Button>
        }
      />
    );
  }
  return (
    <ul className="grid gap-3" aria-label="SMS messages">
      {rows.map((m) => (
        <li key={m.id} className="grid gap-1.5 rounded-lg border p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{m.eventLabel ?? "SMS"}</span>
            <SmsStatusBadge status={m.status} />
            <span className="text-muted-foreground">
              to <span className="font-mono text-xs">{m.to}</span> · {m.sentAt ? (
                <>
                  sent <DateTime iso={m.sentAt} /> via {m.provider}
                </>
              ) : (
                <>
                  queued <DateTime iso={m.createdAt} />
                </>
              )}
              {m.attemptCount > 1 ? ` · ${m.attemptCount} attempts` : ""}
            </span>
          </div>
          <p className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">{m.body}</p>
          {m.lastError ? <p className="text-xs text-destructive">{m.lastError}</p> : null}
        </li>
      ))}
    </ul>
  );
}
