import { DateTime } from "@/components/ui/date-time";

type Step = { event: string; label: string; occurred_at: string; note: string | null };

/** The order's events, oldest first, with the detail the customer was shown. */
export function OrderTimeline({ steps }: { steps: Step[] }) {
  return (
    <ol className="grid gap-3" aria-label="Order timeline">
      {steps.map((step, i) => (
        <li key={`${step.event}-${i}`} className="grid grid-cols-[10rem_1fr] gap-3 text-sm">
          <DateTime iso={step.occurred_at} className="text-muted-foreground" />
          <div>
            <p className="font-medium">{step.label}</p>
            {step.note ? <p className="text-muted-foreground">{step.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
