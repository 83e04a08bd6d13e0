import Link from "next/link";
import { CheckCircle2, Circle } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChecklistStep } from "@/lib/onboarding/rules";

type Props = { steps: ChecklistStep[]; completed: number; total: number; live: boolean };

/** Overview's first card until the partner is live: each step links to where it is done. */
export function OnboardingChecklist({ steps, completed, total, live }: Props) {
  const next = steps.find((s) => !s.done);
  return (
    <Card className="mb-6" aria-labelledby="onboarding-title" data-testid="onboarding-checklist">
      <CardHeader>
        <CardTitle>
          <h2 id="onboarding-title">{live ? "You're live" : "Get your first verified delivery"}</h2>
        </CardTitle>
        <CardDescription data-testid="onboarding-progress">
          {live ? "Every step is done: real order events are reaching your endpoint, signed and verified." : `${completed} of ${total} steps done.`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-3" aria-label="Onboarding steps">
          {steps.map((step) => (
            <li key={step.id} className="flex items-start gap-3" data-done={step.done}>
              {step.done ? <CheckCircle2 className="mt-0.5 size-5 text-success" aria-label="Done" /> : <Circle className="mt-0.5 size-5 text-muted-foreground" aria-label="Not done yet" />}
              <div>
                {step === next ? (
                  <Link href={step.href} className="font-medium underline underline-offset-4">
                    {step.label}
                  </Link>
                ) : (
                  <span className={step.done ? "text-muted-foreground" : "font-medium"}>{step.label}</span>
                )}
                {!step.done ? <p className="text-sm text-muted-foreground">{step.hint}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
