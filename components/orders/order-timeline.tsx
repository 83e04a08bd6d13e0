import { formatDateTime } from "@/lib/tracking/time";

type Step = { event: string; label: string; occurred_at: string; note: string | null };

/** The order's events, oldest first, with the detail the customer was shown. */
export function OrderTimeline({ steps }: { steps: Step[] }) {
  return (
    <ol className="grid gap-3" aria-label="Order timeline">
      {steps.map((step, i) => (
        <li key={`${step.event}-${i}`} className="grid grid-cols-[10rem_1fr] gap-3 text-sm">
          <time dateTime={step.occurred_at} className="text-muted-foreground">
            {formatDateTime(step.occurred_at)}
          </time>
          <div>
            <p className="font-medium">{step.label}</p>
            {step.note ? <p className="text-muted-foreground">{step.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
