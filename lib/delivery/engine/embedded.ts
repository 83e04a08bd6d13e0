import "server-only";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { attemptClaimed } from "@/lib/delivery/engine/attempt-claimed";
import { AttemptWriter } from "@/lib/delivery/engine/attempt-writer";
import { claimDueDeliveries, deferDeliveries, type ClaimedDelivery } from "@/lib/delivery/engine/claim";
import { RateLimiter } from "@/lib/delivery/engine/rate-limiter";
import { evaluateEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { ClaimLoop } from "@/lib/engine/claim-loop";
import { logger } from "@/lib/logger";

export type EngineOptions = {
  connectionString: string;
  /** Attempts in flight at once in this process. */
  maxInFlight?: number;
  /** In flight per endpoint: a slow endpoint fills its own lane, not everyone's. */
  maxPerEndpoint?: number;
  /** Longer than any attempt's timeout; a crashed process's leases expire after this. */
  leaseMs?: number;
  /** Fallback poll for retries coming due and missed notifications. */
  pollMs?: number;
};

const CLAIM_BATCH = 500;

/**
 * The embedded delivery driver: schedules from the delivery rows in Postgres, so any number of
 * app processes can share the work and a killed one loses nothing. Rules live in lib/delivery
 * (outcome.ts, send-signed.ts); this only decides when and how many. Reads come with the claim
 * and writes are batched (AttemptWriter), so the database work per attempt is a share of two
 * statements, not a transaction of its own.
 */
export class EmbeddedEngine extends ClaimLoop {
  private readonly limiter = new RateLimiter();
  private readonly perEndpoint = new Map<string, number>();
  private readonly writer: AttemptWriter;
  private readonly healthChecks = new Map<string, boolean>();
  private readonly maxInFlight: number;
  private readonly maxPerEndpoint: number;
  private readonly leaseMs: number;

  constructor(options: EngineOptions) {
    super({ name: "delivery engine", connectionString: options.connectionString, channel: DELIVERY_CHANNEL, pollMs: options.pollMs ?? 1000, poolMax: 4 });
    this.maxInFlight = options.maxInFlight ?? 2000;
    this.maxPerEndpoint = options.maxPerEndpoint ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.writer = new AttemptWriter(this.pool, this.checkEndpointHealth);
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
    attemptClaimed(row, { pool: this.pool, writer: this.writer, onDeadLetter: this.checkEndpointHealth })
      .catch((err) => logger.error({ err, deliveryId: row.id }, "delivery attempt crashed; its lease will expire and it will be retried"))
      .finally(() => {
        this.inFlight--;
        const left = (this.perEndpoint.get(row.endpointId) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(row.endpointId, left);
        else this.perEndpoint.delete(row.endpointId);
        this.wake();
      });
  }

  /** Auto-disable check after a dead-letter: one at a time per endpoint, however many dead-letter at once. */
  private checkEndpointHealth = (endpointId: string) => {
    if (this.healthChecks.has(endpointId)) return void this.healthChecks.set(endpointId, true);
    this.healthChecks.set(endpointId, false);
    const run = async () => {
      do {
        this.healthChecks.set(endpointId, false);
        // Health automation must never turn a recorded dead-letter into a crashed attempt.
        await evaluateEndpointAfterDeadLetter(endpointId).catch((err) => logger.error({ err }, "endpoint health check failed"));
      } while (this.healthChecks.get(endpointId));
      this.healthChecks.delete(endpointId);
    };
    void run();
  };
}
