import { Check, Circle, X } from "lucide-react";
import type { EventType } from "@/lib/events/catalog";
import { formatCustomerDateTime } from "@/lib/time/format";
import type { TrackingView } from "@/lib/tracking/view";
import { cn } from "@/lib/utils";

// The steps still ahead for each status, shown greyed so the customer sees the whole journey.
const AHEAD: Record<TrackingView["status"], string[]> = {
  confirmed: ["Out for delivery", "Delivered"],
  out_for_delivery: ["Delivered"],
  delivery_failed: ["Out for delivery", "Delivered"],
  delivered: [],
  return_initiated: [],
};

const icon = (event: EventType) => (event === "delivery_failed" ? X : Check);

export function TrackingTimeline({ view, timeZone }: { view: TrackingView; timeZone: string }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded-xl border bg-card p-5 shadow-sm">
      <h2 id="timeline-heading" className="text-sm font-medium text-muted-foreground">
        Timeline
      </h2>
      <ol className="mt-3 grid gap-4" aria-label="Order timeline">
        {view.timeline.map((step, i) => {
          const Icon = icon(step.event);
          return (
            <li key={`${step.event}-${step.occurred_at}-${i}`} className="flex gap-3">
              <span
                className={cn(
                  "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full",
                  step.event === "delivery_failed" ? "bg-destructive text-white" : "bg-primary text-primary-foreground",
                )}
                aria-hidden
              >
                <Icon className="size-3.5" />
              </span>
              <div className="min-w-0">
                <p className="font-medium">{step.label}</p>
                <p className="text-sm text-muted-foreground">
                  <time dateTime={step.occurred_at}>{formatCustomerDateTime(step.occurred_at, timeZone)}</time>
                </p>
                {step.note ? <p className="text-sm">{step.note}</p> : null}
              </div>
            </li>
          );
        })}
        {AHEAD[view.status].map((label) => (
          <li key={`ahead-${label}`} className="flex gap-3 text-muted-foreground">
            <span className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full border" aria-hidden>
              <Circle className="size-2.5" />
            </span>
            <p>
              {label} <span className="sr-only">(not yet)</span>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
