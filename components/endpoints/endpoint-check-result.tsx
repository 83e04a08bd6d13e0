import { CircleCheck, CircleHelp, CircleX, Lightbulb } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { CheckStep, CheckStepResult, EndpointCheckView } from "@/lib/endpoints/check-rules";
import { DateTime } from "@/components/ui/date-time";

const STEP_LABELS: Record<CheckStep, string> = {
  signed: "Signed event",
  replay: "Replay (same webhook-id)",
  wrong_signature: "Wrong signature",
};

/** `webhook-signature` in a message is a header name: shown as code. */
function Message({ text }: { text: string }) {
  return <>{text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

function verdict(s: CheckStepResult) {
  if (s.passed === true) return { label: "Passed", variant: "success" as const, Icon: CircleCheck, tone: "text-success" };
  if (s.passed === false) return { label: "Failed", variant: "destructive" as const, Icon: CircleX, tone: "text-destructive" };
  // null: not run, or an answer that proves nothing yet (the message says which).
  return { label: s.statusCode === null ? "Not run" : "Inconclusive", variant: "outline" as const, Icon: CircleHelp, tone: "text-muted-foreground" };
}

function StepRow({ step }: { step: CheckStepResult }) {
  const { label, variant, Icon, tone } = verdict(step);
  // A broker's acknowledgement has no HTTP status.
  const answer = step.statusCode !== null ? `HTTP ${step.statusCode}` : step.latencyMs !== null ? (step.passed ? "Acknowledged" : "No answer") : null;
  return (
    <li className="grid gap-2 py-3" data-testid={`check-step-${step.step}`}>
      <div className="flex flex-wrap items-center gap-3">
        <Icon className={`size-5 ${tone}`} aria-hidden />
        <span className="font-medium">{STEP_LABELS[step.step]}</span>
        <Badge variant={variant}>{label}</Badge>
        {answer ? <span className="text-sm">{answer}</span> : null}
        {step.latencyMs !== null ? <span className="text-sm text-muted-foreground tabular-nums">{step.latencyMs} ms</span> : null}
      </div>
      <p className="text-sm">
        <Message text={step.message} />
      </p>
      {step.hint ? (
        <p className="flex gap-2 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
          <Lightbulb className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
          <span>
            <span className="font-medium">How to fix it: </span>
            <Message text={step.hint} />
          </span>
        </p>
      ) : null}
    </li>
  );
}

/** A check's outcome: the overall line, then each step with its answer, message and fix. */
export function EndpointCheckResult({ check }: { check: EndpointCheckView }) {
  return (
    <section aria-label="Endpoint check result" className="grid gap-1 rounded-lg border p-4" data-testid="endpoint-check-result">
      <div className="flex flex-wrap items-center gap-3">
        {check.passed ? <CircleCheck className="size-5 text-success" aria-hidden /> : <CircleX className="size-5 text-destructive" aria-hidden />}
        <span className="font-medium">{check.passed ? "Endpoint check passed" : "Endpoint check failed"}</span>
        <DateTime iso={check.checkedAt} className="text-xs text-muted-foreground" />
      </div>
      <ul className="divide-y">
        {check.steps.map((s) => (
          <StepRow key={s.step} step={s} />
        ))}
      </ul>
    </section>
  );
}
