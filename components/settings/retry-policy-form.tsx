"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ActionResult } from "@/lib/actions/types";
import { describeSchedule, MAX_TIMEOUT_S, MIN_TIMEOUT_S, parseScheduleText, RetryPolicyInputSchema, type RetryPolicyInput } from "@/lib/partners/retry-policy";

type Props = {
  policy: RetryPolicyInput;
  /** Null for members: the policy is shown, not editable. */
  save: ((input: RetryPolicyInput) => Promise<ActionResult<RetryPolicyInput>>) | null;
};

/** Retry delays and attempt timeout, validated as you type with the server's own rules. */
export function RetryPolicyForm({ policy, save }: Props) {
  const [scheduleText, setScheduleText] = useState(policy.retrySchedule.join(", "));
  const [timeoutText, setTimeoutText] = useState(String(policy.timeoutSeconds));
  const ids = { schedule: useId(), timeout: useId() };
  const schedule = parseScheduleText(scheduleText);
  const timeout = RetryPolicyInputSchema.shape.timeoutSeconds.safeParse(timeoutText.trim() === "" ? Number.NaN : Number(timeoutText));
  const mutation = useActionMutation((input: RetryPolicyInput) => save!(input), {
    onSuccess: (saved) => toast.success(`Retry policy saved: ${describeSchedule(saved.retrySchedule)}.`),
  });
  const canSubmit = save && schedule.ok && timeout.success && !mutation.isPending;

  return (
    <Card aria-labelledby="retry-policy-heading" role="region">
      <CardHeader>
        <CardTitle id="retry-policy-heading">Retry policy</CardTitle>
        <CardDescription>
          The first attempt is sent at once. After a failure Waypoint waits each delay in turn and tries again; after the last one the delivery is dead-lettered and
          waits for a manual retry in the Event Log.
        </CardDescription>
      </CardHeader>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (schedule.ok && timeout.success) mutation.mutate({ retrySchedule: schedule.schedule, timeoutSeconds: timeout.data });
        }}
      >
        <CardContent className="grid grid-cols-1 gap-4 sm:grid-cols-[2fr_1fr]">
          <div className="grid content-start gap-2">
            <Label htmlFor={ids.schedule}>Retry delays (seconds)</Label>
            <Input
              id={ids.schedule}
              value={scheduleText}
              onChange={(e) => setScheduleText(e.target.value)}
              readOnly={!save}
              inputMode="numeric"
              aria-invalid={schedule.ok ? undefined : true}
              aria-describedby={`${ids.schedule}-help`}
            />
            <p id={`${ids.schedule}-help`} className={schedule.ok ? "text-sm text-muted-foreground" : "text-sm text-destructive"} data-testid="retry-schedule-words">
              {schedule.ok ? describeSchedule(schedule.schedule) : schedule.error}
            </p>
          </div>
          <div className="grid content-start gap-2">
            <Label htmlFor={ids.timeout}>Attempt timeout (seconds)</Label>
            <Input
              id={ids.timeout}
              type="number"
              min={MIN_TIMEOUT_S}
              max={MAX_TIMEOUT_S}
              value={timeoutText}
              onChange={(e) => setTimeoutText(e.target.value)}
              readOnly={!save}
              aria-invalid={timeout.success ? undefined : true}
              aria-describedby={`${ids.timeout}-help`}
            />
            <p id={`${ids.timeout}-help`} className={timeout.success ? "text-sm text-muted-foreground" : "text-sm text-destructive"}>
              {timeout.success ? "No 2xx answer within this time counts as a failed attempt." : timeout.error.issues[0]?.message}
            </p>
          </div>
        </CardContent>
        <CardFooter className="mt-4 flex flex-wrap gap-3">
          {save ? (
            <Button type="submit" disabled={!canSubmit}>
              {mutation.isPending ? "Saving…" : "Save retry policy"}
            </Button>
          ) : (
            <p className="text-sm text-muted-foreground">Only a partner admin can change the retry policy.</p>
          )}
          {mutation.error ? <p className="text-sm text-destructive">{mutation.error.message}</p> : null}
        </CardFooter>
      </form>
    </Card>
  );
}
