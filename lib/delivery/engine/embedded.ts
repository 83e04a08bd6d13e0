import "server-only";
import pg from "pg";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { claimDueDeliveries, deferDelivery, type ClaimedDelivery } from "@/lib/delivery/engine/claim";
import { RateLimiter } from "@/lib/delivery/engine/rate-limiter";
import { wakeEmitter } from "@/lib/delivery/engine/wake";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
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
export class EmbeddedEngine {
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private readonly limiter = new RateLimiter();
  private readonly perEndpoint = new Map<string, number>();
  private inFlight = 0;
  private running = false;
  private wakeup: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private readonly opts: Required<Omit<EngineOptions, "connectionString">>;

  constructor(private readonly options: EngineOptions) {
    this.opts = { maxInFlight: 2000, maxPerEndpoint: 1000, leaseMs: 30_000, pollMs: 1000, ...stripUndefined(options) };
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 4 });
    this.pool.on("error", (err) => logger.warn({ err }, "delivery engine pool error"));
  }

  async start() {
    this.running = true;
    wakeEmitter.on("wake", this.wake);
    await this.listen();
    this.loopDone = this.loop();
    logger.info({ maxInFlight: this.opts.maxInFlight }, "embedded delivery engine started");
  }

  /** Stops claiming, lets attempts in flight finish for up to `drainMs`; the rest keep their lease and come back. */
  async stop(drainMs = 15_000) {
    this.running = false;
    wakeEmitter.off("wake", this.wake);
    this.wake();
    await withDeadline(this.loopDone ?? Promise.resolve(), drainMs);
    await withDeadline(this.listener?.end().catch(() => {}) ?? Promise.resolve(), 2_000);
    await withDeadline(this.pool.end().catch(() => {}), 2_000);
  }

  get inFlightCount() {
    return this.inFlight;
  }

  private wake = () => {
    const resolve = this.wakeup;
    this.wakeup = null;
    resolve?.();
  };

  private async listen() {
    try {
      const client = new pg.Client({ connectionString: this.options.connectionString });
      client.on("notification", this.wake);
      client.on("error", () => this.reconnectListener(client));
      await client.connect();
      await client.query(`LISTEN ${DELIVERY_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      logger.warn({ err }, "delivery engine could not LISTEN; polling until it can");
      this.reconnectListener(null);
    }
  }

  private reconnectListener(old: pg.Client | null) {
    if (old && old !== this.listener) return;
    this.listener = null;
    old?.end().catch(() => {});
    if (this.running) setTimeout(() => void this.listen(), 1000).unref();
  }

  private async loop() {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.claimAndDispatch();
      } catch (err) {
        logger.warn({ err }, "delivery engine claim failed; retrying");
        await this.sleep(this.opts.pollMs);
        continue;
      }
      // A full batch means more may be due: go again at once; otherwise wait to be woken.
      if (claimed === 0 || this.inFlight >= this.opts.maxInFlight) await this.sleep(this.opts.pollMs);
    }
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.wakeup = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async claimAndDispatch(): Promise<number> {
    const capacity = Math.min(200, this.opts.maxInFlight - this.inFlight);
    if (capacity <= 0) return 0;
    const saturated = [...this.perEndpoint].filter(([, n]) => n >= this.opts.maxPerEndpoint).map(([id]) => id);
    const rows = await claimDueDeliveries(this.pool, { limit: capacity, leaseMs: this.opts.leaseMs, excludeEndpoints: saturated });
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
    performDeliveryAttempt(row.id, { trigger: "automatic", leased: true })
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

const withDeadline = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
