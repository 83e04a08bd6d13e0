import "server-only";
import { sqlOn } from "@/lib/db/sql";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { attemptDelivery, deliveryLeaseMs, type AttemptPath } from "@/lib/delivery/attempt";
import { AttemptRecorder } from "@/lib/delivery/attempt-recorder";
import { checkEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { claimDueDeliveries, deferDeliveries, type ClaimedDelivery } from "@/lib/delivery/engine/claim";
import { RateLimiter } from "@/lib/delivery/engine/rate-limiter";
import { env } from "@/lib/env";
import { ClaimLoop } from "@/lib/jobs/claim-loop";
import { logger } from "@/lib/logger";

export type EngineOptions = {
  connectionString: string;
  /** Attempts in flight at once in this process. */
  maxInFlight?: number;
  /** In flight per endpoint: a slow endpoint fills its own lane, not everyone's. */
  maxPerEndpoint?: number;
  /** A crashed process's leases expire after this (DELIVERY_LEASE_MS by default). */
  leaseMs?: number;
  /** Fallback poll for retries coming due and missed notifications (DELIVERY_POLL_MS by default). */
  pollMs?: number;
};

const CLAIM_BATCH = 500;

/**
 * The embedded delivery driver: schedules from the delivery rows in Postgres, so any number of
 * app processes can share the work and a killed one loses nothing. Rules live in lib/delivery
 * (attempt.ts, outcome.ts); this only decides when and how many. Reads come with the claim and
 * writes are batched (AttemptRecorder), so the database work per attempt is a share of two
 * statements, not a transaction of its own.
 */
export class EmbeddedEngine extends ClaimLoop {
  private readonly limiter = new RateLimiter();
  private readonly perEndpoint = new Map<string, number>();
  private readonly recorder: AttemptRecorder;
  private readonly path: AttemptPath;
  private readonly maxInFlight: number;
  private readonly maxPerEndpoint: number;
  private readonly leaseMs: number;

  constructor(options: EngineOptions) {
    super({ name: "delivery engine", connectionString: options.connectionString, channel: DELIVERY_CHANNEL, pollMs: options.pollMs ?? env.DELIVERY_POLL_MS, poolMax: 4 });
    this.maxInFlight = options.maxInFlight ?? 2000;
    this.maxPerEndpoint = options.maxPerEndpoint ?? 1000;
    this.leaseMs = options.leaseMs ?? deliveryLeaseMs();
    this.recorder = new AttemptRecorder(sqlOn(this.pool));
    // Batched writes; the health check after a dead-letter runs beside the engine, not in an attempt's lane.
    this.path = {
      record: (attempt) => this.recorder.record(attempt),
      db: (work) => work(),
      afterDeadLetter: (endpointId) => void checkEndpointAfterDeadLetter(endpointId),
    };
  }

  protected isFull() {
    return this.inFlight >= this.maxInFlight;
  }

  protected async claimAndDispatch(): Promise<number> {
    const capacity = Math.min(CLAIM_BATCH, this.maxInFlight - this.inFlight);
    if (capacity <= 0) return 0;
    const saturated = [...this.perEndpoint].filter(([, n]) => n >= this.maxPerEndpoint).map(([id]) => id);
    const rows = await claimDueDeliveries(this.pool, { limit: capacity, leaseMs: this.leaseMs, excludeEndpoints: saturated });
    const deferred: { id: string; ms: number }[] = [];
    for (const row of rows) {
      const waitMs = row.rateLimitPerSecond ? this.limiter.take(row.endpointId, row.rateLimitPerSecond) : 0;
      if (waitMs > 0) deferred.push({ id: row.id, ms: waitMs });
      else this.dispatch(row);
    }
    await deferDeliveries(this.pool, deferred.map((d) => d.id), deferred.map((d) => d.ms));
    return rows.length;
  }

  private dispatch(row: ClaimedDelivery) {
    this.inFlight++;
    this.perEndpoint.set(row.endpointId, (this.perEndpoint.get(row.endpointId) ?? 0) + 1);
    attemptDelivery(row, { trigger: "automatic" }, this.path)
      .catch((err) => logger.error({ err, deliveryId: row.id }, "delivery attempt crashed; its lease will expire and it will be retried"))
      .finally(() => {
        this.inFlight--;
        const left = (this.perEndpoint.get(row.endpointId) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(row.endpointId, left);
        else this.perEndpoint.delete(row.endpointId);
        this.wake();
      });
  }
}
