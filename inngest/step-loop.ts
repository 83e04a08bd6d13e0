/** What an attempt step may answer: retry after a delay, a dead-letter, or anything final. */
type LoopOutcome = { kind: string } & ({ kind: "retry"; delaySeconds: number } | { kind: "dead_lettered"; attemptNumber: number; reason: string } | { kind: string });

type Steps = {
  run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown>;
  sleep: (id: string, duration: string) => Promise<unknown>;
};

/**
 * The durable loop both deliver-webhook and send-sms are made of: an attempt step, and while it
 * says "retry", a sleep of the delay it names and another attempt; a dead-letter ends with a
 * final idempotent step that makes it visible in the run's timeline (onFailure never runs: the
 * function does not fail). Step ids are attempt-N, backoff-N and dead-letter. Every rule (success,
 * backoff, dead-letter) is the attempt's; this only makes its answers durable. `maxAttempts` only
 * guards against a loop: the row is still due in Postgres and the sweep re-announces it.
 */
export async function attemptUntilSettled<O extends LoopOutcome>(
  step: Steps,
  opts: { attempt: () => Promise<O>; deadLetter: (attemptNumber: number, reason: string) => Promise<unknown>; maxAttempts: number },
): Promise<O> {
  let n = 1;
  let outcome = (await step.run(`attempt-${n}`, opts.attempt)) as O;
  while (isRetry(outcome) && n < opts.maxAttempts) {
    await step.sleep(`backoff-${n}`, `${outcome.delaySeconds}s`);
    n += 1;
    outcome = (await step.run(`attempt-${n}`, opts.attempt)) as O;
  }
  if (isDeadLettered(outcome)) {
    const { attemptNumber, reason } = outcome;
    await step.run("dead-letter", () => opts.deadLetter(attemptNumber, reason));
  }
  return outcome;
}

const isRetry = (o: LoopOutcome): o is LoopOutcome & { kind: "retry"; delaySeconds: number } => o.kind === "retry";
const isDeadLettered = (o: LoopOutcome): o is LoopOutcome & { kind: "dead_lettered"; attemptNumber: number; reason: string } => o.kind === "dead_lettered";
