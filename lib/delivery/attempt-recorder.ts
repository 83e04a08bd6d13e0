import "server-only";
import { randomUUID } from "node:crypto";
import { sql as sharedSql, type Sql } from "@/lib/db/sql";
import { checkEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { failureText, outcomeOf, stateAfter, type AttemptOutcome, type AttemptTrigger } from "@/lib/delivery/outcome";
import { logger } from "@/lib/logger";

export type FinishedAttempt = {
  deliveryId: string;
  endpointId: string;
  attemptNumber: number;
  startedAt: Date;
  result: HttpAttemptResult;
  schedule: readonly number[];
  /** "automatic" unless a person asked (manual retry). */
  trigger?: AttemptTrigger;
  triggeredById?: string | null;
};

type Recorded = FinishedAttempt & { outcome: AttemptOutcome };

// Every finished attempt of the batch: the attempt rows and the deliveries' next states in one
// statement (so one is never written without the other), however many attempts it carries. A
// failed manual attempt (no new status) leaves the delivery's status and schedule as they were.
const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bool[], $7::int[], $8::int[],
                       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                       $16::text[], $17::text[])
    AS t(attempt_id, delivery_id, endpoint_id, attempt_number, started_at, success, status_code, latency_ms,
         error_class, error_message, response_excerpt, response_headers, status, next_attempt_at, last_error,
         trigger, triggered_by_id)
), attempts AS (
  INSERT INTO "DeliveryAttempt" (id, "deliveryId", "endpointId", trigger, "triggeredById", "startedAt", success, "statusCode", "latencyMs", "errorClass", "errorMessage", "responseExcerpt", "responseHeaders")
  SELECT attempt_id, delivery_id, endpoint_id, trigger::"AttemptTrigger", triggered_by_id, started_at::timestamptz AT TIME ZONE 'UTC', success, status_code, latency_ms,
         error_class, error_message, response_excerpt, response_headers::jsonb
    FROM input
)
UPDATE "Delivery" d SET
  "attemptCount" = i.attempt_number,
  "lastAttemptAt" = i.started_at::timestamptz AT TIME ZONE 'UTC',
  "lockedUntil" = NULL,
  "lastError" = i.last_error,
  status = coalesce(i.status::"DeliveryStatus", d.status),
  "nextAttemptAt" = CASE WHEN i.status IS NULL THEN d."nextAttemptAt" ELSE i.next_attempt_at::timestamptz AT TIME ZONE 'UTC' END,
  "deliveredAt" = CASE WHEN i.status = 'delivered' THEN now() AT TIME ZONE 'UTC' ELSE d."deliveredAt" END,
  "deadLetteredAt" = CASE WHEN i.status = 'dead_lettered' THEN now() AT TIME ZONE 'UTC' ELSE d."deadLetteredAt" END,
  "updatedAt" = now() AT TIME ZONE 'UTC'
FROM input i WHERE d.id = i.delivery_id`;

const COLUMNS = 17;
const MAX_BATCH = 500;
const RETRY_MS = [100, 250, 500, 1000, 2000];

/** SQLSTATE class 23: foreign key, unique, not-null, check violations. */
const isIntegrityError = (err: unknown) => typeof (err as { code?: unknown })?.code === "string" && (err as { code: string }).code.startsWith("23");

/** What an attempt means for its delivery (the retry policy, outcome.ts), decided once per attempt. */
const withOutcome = (attempt: FinishedAttempt): Recorded => ({ ...attempt, outcome: outcomeOf({ ...attempt, trigger: attempt.trigger ?? "automatic" }) });

/** The one write of finished attempts: a batch of any size in one statement. Throws on failure. */
async function writeAttempts(sql: Sql, batch: readonly Recorded[]): Promise<void> {
  const now = new Date();
  const cols: unknown[][] = Array.from({ length: COLUMNS }, () => []);
  for (const p of batch) {
    const r = p.result;
    const state = stateAfter(p.outcome, now);
    const next = "nextAttemptAt" in state && state.nextAttemptAt ? state.nextAttemptAt.toISOString() : null;
    const row = [
      `att_${randomUUID().replace(/-/g, "")}`,
      p.deliveryId,
      p.endpointId,
      p.attemptNumber,
      p.startedAt.toISOString(),
      r.success,
      r.statusCode,
      r.latencyMs,
      r.errorClass,
      r.errorMessage,
      r.responseExcerpt,
      JSON.stringify(r.responseHeaders ?? null),
      "status" in state ? state.status : null,
      next,
      r.success ? null : failureText(r),
      p.trigger ?? "automatic",
      p.triggeredById ?? null,
    ];
    row.forEach((v, i) => cols[i]!.push(v));
  }
  await sql.query(WRITE_SQL, cols, "waypoint_record_attempts");
}


/**
 * Records finished delivery attempts: the embedded engine's batches and the one-by-one attempts
 * of the Inngest functions and manual retries (`recordNow`, a batch of one) go through the same
 * statement. `record` queues: a write starts as soon as one is waiting and none is running, so an
 * idle engine writes each attempt at once and a busy one writes hundreds per statement. A failed
 * queued write (database restarting) is retried until it lands: the attempts were made and stay on
 * record. Until then their leases hold; if the process dies first, the leases expire and the
 * deliveries are sent again with the same webhook-id. After a dead-letter, `onDeadLetter` runs
 * the endpoint's health check (auto-disable).
 */
export class AttemptRecorder {
  private queue: (Recorded & { done: () => void })[] = [];
  private writing = false;

  constructor(
    private readonly sql: Sql = sharedSql(),
    /** Awaited by recordNow, not by the queued batches. */
    private readonly onDeadLetter: (endpointId: string) => unknown = checkEndpointAfterDeadLetter,
  ) {}

  /** Queued and batched; resolves once the attempt and its delivery's new state are committed. */
  record(attempt: FinishedAttempt): Promise<AttemptOutcome> {
    const recorded = withOutcome(attempt);
    return new Promise((resolve) => {
      this.queue.push({ ...recorded, done: () => resolve(recorded.outcome) });
      void this.drain();
    });
  }

  /**
   * A batch of one, written now, for a caller that waits on it (an Inngest step, a person's
   * retry): a failure is thrown to that caller instead of retried here. A delivery deleted while
   * its attempt was in flight is logged and its outcome still returned.
   */
  async recordNow(attempt: FinishedAttempt): Promise<AttemptOutcome> {
    const recorded = withOutcome(attempt);
    try {
      await writeAttempts(this.sql, [recorded]);
    } catch (err) {
      if (!isIntegrityError(err)) throw err;
      logger.warn({ deliveryId: attempt.deliveryId }, "attempt not recorded: its delivery no longer exists");
      return recorded.outcome;
    }
    if (recorded.outcome.kind === "dead_lettered") await this.onDeadLetter(attempt.endpointId);
    return recorded.outcome;
  }

  get waiting() {
    return this.queue.length;
  }

  private async drain() {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.writeWithRetry(batch);
        for (const p of batch) p.done();
        for (const p of batch) if (p.outcome.kind === "dead_lettered") void this.onDeadLetter(p.endpointId);
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeWithRetry(batch: Recorded[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await writeAttempts(this.sql, batch);
      } catch (err) {
        // An integrity error will not pass on retry: typically a delivery deleted (its endpoint
        // or partner removed) while its attempt was in flight. Write the others one by one.
        if (isIntegrityError(err)) {
          if (batch.length === 1) return void logger.warn({ deliveryId: batch[0]!.deliveryId }, "attempt not recorded: its delivery no longer exists");
          for (const p of batch) await this.writeWithRetry([p]);
          return;
        }
        const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
        logger.warn({ err, attempts: batch.length, retryInMs: wait }, "could not record delivery attempts; retrying");
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
