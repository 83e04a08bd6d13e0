import "server-only";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { claimDueDeliveries, deferDelivery, type ClaimedDelivery } from "@/lib/delivery/engine/claim";
import { RateLimiter } from "@/lib/delivery/engine/rate-limiter";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
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

/**
 * The embedded delivery driver: schedules from the delivery rows in Postgres, so any number of
 * app processes can share the work and a killed one loses nothing. Rules live in
 * performDeliveryAttempt; this only decides when and how many.
 */
export class EmbeddedEngine extends ClaimLoop {
  private readonly limiter = new RateLimiter();
  private readonly perEndpoint = new Map<string, number>();
  private readonly maxInFlight: number;
  private readonly maxPerEndpoint: number;
  private readonly leaseMs: number;

  constructor(options: EngineOptions) {
    super({ name: "delivery engine", connectionString: options.connectionString, channel: DELIVERY_CHANNEL, pollMs: options.pollMs ?? 1000, poolMax: 4 });
    this.maxInFlight = options.maxInFlight ?? 2000;
    this.maxPerEndpoint = options.maxPerEndpoint ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
  }

  protected isFull() {
    return this.inFlight >= this.maxInFlight;
  }

  protected async claimAndDispatch(): Promise<number> {
    const capacity = Math.min(200, this.maxInFlight - this.inFlight);
    if (capacity <= 0) return 0;
    const saturated = [...this.perEndpoint].filter(([, n]) => n >= this.maxPerEndpoint).map(([id]) => id);
    const rows = await claimDueDeliveries(this.pool, { limit: capacity, leaseMs: this.leaseMs, excludeEndpoints: saturated });
    for (const row of rows) await this.dispatch(row);
    return rows.length;
  }

  private async dispatch(row: ClaimedDelivery) {
    if (row.rateLimitPerSecond) {
      const waitMs = this.limiter.take(row.endpointId, row.rateLimitPerSecond);
      if (waitMs > 0) return deferDelivery(this.pool, row.id, waitMs);
    }
    this.inFlight++;
    this.perEndpoint.set(row.endpointId, (this.perEndpoint.get(row.endpointId) ?? 0) + 1);
    performDeliveryAttempt(row.id, { trigger: "automatic", leased: true, endpointId: row.endpointId })
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
