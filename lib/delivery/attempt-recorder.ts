import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { failureText, outcomeOf, stateAfter, type AttemptOutcome } from "@/lib/delivery/outcome";
import { logger } from "@/lib/logger";

export type FinishedAttempt = {
  deliveryId: string;
  endpointId: string;
  attemptNumber: number;
  startedAt: Date;
  result: HttpAttemptResult;
  schedule: readonly number[];
};

type Pending = FinishedAttempt & { outcome: AttemptOutcome; done: () => void };

// Every finished attempt of the batch: the attempt rows and the deliveries' next states in one
// statement (so one is never written without the other), however many attempts it carries.
const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bool[], $7::int[], $8::int[],
                       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
    AS t(attempt_id, delivery_id, endpoint_id, attempt_number, started_at, success, status_code, latency_ms,
         error_class, error_message, response_excerpt, response_headers, status, next_attempt_at, last_error)
), attempts AS (
  INSERT INTO "DeliveryAttempt" (id, "deliveryId", "endpointId", trigger, "startedAt", success, "statusCode", "latencyMs", "errorClass", "errorMessage", "responseExcerpt", "responseHeaders")
  SELECT attempt_id, delivery_id, endpoint_id, 'automatic', started_at::timestamptz AT TIME ZONE 'UTC', success, status_code, latency_ms,
         error_class, error_message, response_excerpt, response_headers::jsonb
    FROM input
)
UPDATE "Delivery" d SET
  "attemptCount" = i.attempt_number,
  "lastAttemptAt" = i.started_at::timestamptz AT TIME ZONE 'UTC',
  "lockedUntil" = NULL,
  "lastError" = i.last_error,
  status = coalesce(i.status::"DeliveryStatus", d.status),
  "nextAttemptAt" = i.next_attempt_at::timestamptz AT TIME ZONE 'UTC',
  "deliveredAt" = CASE WHEN i.status = 'delivered' THEN now() AT TIME ZONE 'UTC' ELSE d."deliveredAt" END,
  "deadLetteredAt" = CASE WHEN i.status = 'dead_lettered' THEN now() AT TIME ZONE 'UTC' ELSE d."deadLetteredAt" END,
  "updatedAt" = now() AT TIME ZONE 'UTC'
FROM input i WHERE d.id = i.delivery_id`;

const MAX_BATCH = 500;

/** SQLSTATE class 23: foreign key, unique, not-null, check violations. */
const isIntegrityError = (err: unknown) => typeof (err as { code?: unknown })?.code === "string" && (err as { code: string }).code.startsWith("23");
const RETRY_MS = [100, 250, 500, 1000, 2000];

/**
 * Records the embedded engine's finished attempts. A write starts as soon as one is waiting and
 * none is running, so an idle engine writes each attempt at once and a busy one writes hundreds
 * per statement. A failed write (database restarting) is retried until it lands: the attempts
 * were made and stay on record. Until then their leases hold; if the process dies first, the
 * leases expire and the deliveries are sent again with the same webhook-id.
 */
export class AttemptWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onDeadLetter: (endpointId: string) => void,
  ) {}

  /** Resolves once the attempt and its delivery's new state are committed. */
  record(attempt: FinishedAttempt): Promise<AttemptOutcome> {
    const outcome = outcomeOf({ ...attempt, trigger: "automatic" });
    return new Promise((resolve) => {
      this.queue.push({ ...attempt, outcome, done: () => resolve(outcome) });
      void this.drain();
    });
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
        for (const p of batch) if (p.outcome.kind === "dead_lettered") this.onDeadLetter(p.endpointId);
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeWithRetry(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.write(batch);
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

  private async write(batch: Pending[]) {
    const now = new Date();
    const cols: unknown[][] = Array.from({ length: 15 }, () => []);
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
      ];
      row.forEach((v, i) => cols[i]!.push(v));
    }
    await this.pool.query({ name: "waypoint_record_attempts", text: WRITE_SQL, values: cols });
  }
}
