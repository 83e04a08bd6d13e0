// lib/delivery/engine owns the embedded delivery driver: claim due deliveries in batches and run their attempts.
import "server-only";
import { sqlOn } from "@/lib/db/sql";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { attemptDelivery, deliveryLeaseMs, type AttemptPath } from "@/lib/delivery/attempt";
import { renewLeases } from "@/lib/delivery/attempt-context";
import { AttemptRecorder } from "@/lib/delivery/attempt-recorder";
import { checkEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { claimDueDeliveries, deferDeliveries, type ClaimedDelivery } from "@/lib/delivery/engine/claim";
import { reserveSendSlots } from "@/lib/delivery/send-slots";
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
/** Rate-limited rows are given slots up to this far ahead and wait for them in flight; the rest go back. */
const PACE_HORIZON_MS = 1000;

/**
 * The embedded delivery driver: schedules from the delivery rows in Postgres, so any number of
 * app processes can share the work and a killed one loses nothing. Rules live in lib/delivery
 * (attempt.ts, outcome.ts); this only decides when and how many. Reads come with the claim and
 * writes are batched (AttemptRecorder), so the database work per attempt is a share of two
 * statements, not a transaction of its own.
 */
export class EmbeddedEngine extends ClaimLoop {
  private readonly perEndpoint = new Map<string, number>();
  /** Deliveries this engine holds a lease on: renewed while their attempts (and rate-limit waits) run. */
  private readonly leased = new Set<string>();
  private renewal: NodeJS.Timeout | null = null;
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
      paced: true, // slots reserved per claimed batch (claimAndDispatch)
    };
  }

  async start() {
    await super.start();
    const every = Math.max(100, Math.floor(this.leaseMs / 3));
    this.renewal = setInterval(() => {
      renewLeases(sqlOn(this.pool), [...this.leased], this.leaseMs).catch((err) => logger.warn({ err }, "delivery engine could not renew its leases"));
    }, every);
    this.renewal.unref();
  }

  async stop(drainMs?: number) {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    await super.stop(drainMs);
  }

  protected isFull() {
    return this.inFlight >= this.maxInFlight;
  }

  protected async claimAndDispatch(): Promise<number> {
    const capacity = Math.min(CLAIM_BATCH, this.maxInFlight - this.inFlight);
    if (capacity <= 0) return 0;
    const saturated = [...this.perEndpoint].filter(([, n]) => n >= this.maxPerEndpoint).map(([id]) => id);
    const rows = await claimDueDeliveries(this.pool, { limit: capacity, leaseMs: this.leaseMs, excludeEndpoints: saturated });
    // Endpoints with a rate limit: one statement reserves send slots for all of them (send-slots.ts,
    // shared with every process and the Inngest path). Rows with a slot wait for it in flight;
    // the others go back, due when the next slot comes within reach.
    const limited = new Map<string, ClaimedDelivery[]>();
    for (const row of rows) {
      if (!row.rateLimitPerSecond) this.dispatch(row, 0);
      else if (limited.has(row.endpointId)) limited.get(row.endpointId)!.push(row);
      else limited.set(row.endpointId, [row]);
    }
    if (limited.size === 0) return rows.length;
    const requests = [...limited].map(([endpointId, group]) => ({ endpointId, perSecond: group[0]!.rateLimitPerSecond!, count: group.length }));
    const grants = await reserveSendSlots(requests, PACE_HORIZON_MS).catch(async (err) => {
      const back = [...limited.values()].flat();
      await deferDeliveries(this.pool, back.map((r) => r.id), back.map(() => PACE_HORIZON_MS));
      throw err;
    });
    const deferred: { id: string; ms: number }[] = [];
    for (const [endpointId, group] of limited) {
      const grant = grants.get(endpointId) ?? { delaysMs: [], retryInMs: PACE_HORIZON_MS };
      group.forEach((row, i) => (i < grant.delaysMs.length ? this.dispatch(row, grant.delaysMs[i]!) : deferred.push({ id: row.id, ms: grant.retryInMs })));
    }
    await deferDeliveries(this.pool, deferred.map((d) => d.id), deferred.map((d) => d.ms));
    return rows.length;
  }

  /** Starts the attempt after `delayMs` (its rate-limit slot); it counts as in flight, and its lease is renewed, from now. */
  private dispatch(row: ClaimedDelivery, delayMs: number) {
    this.inFlight++;
    this.leased.add(row.id);
    this.perEndpoint.set(row.endpointId, (this.perEndpoint.get(row.endpointId) ?? 0) + 1);
    const slot = delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : Promise.resolve();
    slot
      .then(() => attemptDelivery(row, { trigger: "automatic" }, this.path))
      .catch((err) => logger.error({ err, deliveryId: row.id }, "delivery attempt crashed; its lease will expire and it will be retried"))
      .finally(() => {
        this.inFlight--;
        this.leased.delete(row.id);
        const left = (this.perEndpoint.get(row.endpointId) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(row.endpointId, left);
        else this.perEndpoint.delete(row.endpointId);
        this.wake();
      });
  }
}
