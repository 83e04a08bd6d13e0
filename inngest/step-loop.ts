/** What an attempt step may answer: retry or deferred after a delay, a dead-letter, or anything final. */
type LoopOutcome = { kind: string; delaySeconds?: number; attemptNumber?: number; reason?: string };

type Steps = {
  run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown>;
  sleep: (id: string, duration: string) => Promise<unknown>;
};

/** Inngest allows 1,000 steps per run; deferrals (rate limit, not due, leased) stop well before. */
const MAX_STEPS = 400;

/**
 * The durable loop both deliver-webhook and send-sms are made of: an attempt step, and while it
 * says "retry" (an attempt failed, the next is due later) or "deferred" (no attempt now: not due
 * yet, another worker holds the delivery, or no rate-limit slot), a sleep of the delay it names
 * and another attempt step. A dead-letter ends with a final idempotent step that makes it visible
 * in the run's timeline (onFailure never runs: the function does not fail). Step ids are
 * attempt-N, backoff-N and dead-letter. Every rule is the attempt's; this only makes its answers
 * durable. `maxAttempts` (failed attempts made) only guards against a loop: the row is still due
 * in Postgres and the sweep re-announces it.
 */
export async function attemptUntilSettled<O extends LoopOutcome>(
  step: Steps,
  opts: { attempt: () => Promise<O>; deadLetter: (attemptNumber: number, reason: string) => Promise<unknown>; maxAttempts: number },
): Promise<O> {
  let n = 1;
  let failed = 0;
  let outcome = (await step.run(`attempt-${n}`, opts.attempt)) as O;
  for (;;) {
    if (outcome.kind === "retry") failed += 1;
    const again = (outcome.kind === "retry" && failed < opts.maxAttempts) || outcome.kind === "deferred";
    if (!again || n >= MAX_STEPS) break;
    await step.sleep(`backoff-${n}`, `${outcome.delaySeconds}s`);
    n += 1;
    outcome = (await step.run(`attempt-${n}`, opts.attempt)) as O;
  }
  if (outcome.kind === "dead_lettered") {
    const { attemptNumber, reason } = outcome as O & { attemptNumber: number; reason: string };
    await step.run("dead-letter", () => opts.deadLetter(attemptNumber, reason));
  }
  return outcome;
}
