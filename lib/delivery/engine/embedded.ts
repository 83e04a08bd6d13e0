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
  /**
   * Deliveries this engine holds a lease on, each with the time (this process's clock) until which
   * the lease surely holds: the claim's or last renewal's start plus the lease, so never later than
   * Postgres's own lockedUntil. Renewed while their attempts (and rate-limit waits) run.
   */
  private readonly leases = new Map<string, number>();
  private renewal: NodeJS.Timeout | null = null;
  private renewing = false;
  /** Attempts not made because their lease may have run out first (a stalled process): counted, logged. */
  private lostBeforeSend = 0;
  private attemptsStarted = 0;
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
    this.renewal = setInterval(() => void this.renewHeldLeases(), every);
    this.renewal.unref();
  }

  /** Attempts skipped because their lease could have run out before the send (see holds()). */
  get leasesLostBeforeSend() {
    return this.lostBeforeSend;
  }

  /** This engine's counters since it started (a worker prints them on SIGUSR2 and when it stops). */
  stats() {
    return { attemptsStarted: this.attemptsStarted, inFlight: this.inFlight, leasesHeld: this.leases.size, leasesLostBeforeSend: this.lostBeforeSend };
  }

  /**
   * Extends the leases this engine still surely holds. One that may have run out (the process
   * stalled longer than a lease, or renewals failed) is never renewed again: another worker may
   * hold it now, so its attempt is not made here (holds()).
   */
  private async renewHeldLeases() {
    if (this.renewing) return;
    this.renewing = true;
    try {
      const startedAt = Date.now();
      const ids = [...this.leases].filter(([, until]) => until > startedAt).map(([id]) => id);
      const renewed = await renewLeases(sqlOn(this.pool), ids, this.leaseMs);
      for (const id of ids) if (this.leases.has(id)) this.leases.set(id, renewed.has(id) ? startedAt + this.leaseMs : 0);
    } catch (err) {
      logger.warn({ err }, "delivery engine could not renew its leases");
    } finally {
      this.renewing = false;
    }
  }

  /** Whether this engine may still send for this delivery: its lease holds for a safety margin more. */
  private holds(deliveryId: string) {
    const margin = Math.min(1000, Math.floor(this.leaseMs / 4));
    return (this.leases.get(deliveryId) ?? 0) - Date.now() > margin;
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
    const claimedAt = Date.now(); // the leases run from when Postgres ran the claim, which is later
    const rows = await claimDueDeliveries(this.pool, { limit: capacity, leaseMs: this.leaseMs, excludeEndpoints: saturated });
    for (const row of rows) this.leases.set(row.id, claimedAt + this.leaseMs);
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
      for (const r of back) this.leases.delete(r.id);
      await deferDeliveries(this.pool, back.map((r) => r.id), back.map(() => PACE_HORIZON_MS));
      throw err;
    });
    const deferred: { id: string; ms: number }[] = [];
    for (const [endpointId, group] of limited) {
      const grant = grants.get(endpointId) ?? { delaysMs: [], retryInMs: PACE_HORIZON_MS };
      group.forEach((row, i) => (i < grant.delaysMs.length ? this.dispatch(row, grant.delaysMs[i]!) : deferred.push({ id: row.id, ms: grant.retryInMs })));
    }
    for (const d of deferred) this.leases.delete(d.id);
    await deferDeliveries(this.pool, deferred.map((d) => d.id), deferred.map((d) => d.ms));
    return rows.length;
  }

  /** Starts the attempt after `delayMs` (its rate-limit slot); it counts as in flight, and its lease is renewed, from now. */
  private dispatch(row: ClaimedDelivery, delayMs: number) {
    this.inFlight++;
    this.perEndpoint.set(row.endpointId, (this.perEndpoint.get(row.endpointId) ?? 0) + 1);
    const slot = delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : Promise.resolve();
    slot
      .then(() => {
        // Checked right before the send: a process that stalled (or could not renew) past its lease
        // leaves the delivery to whoever holds it now, instead of sending it a second time.
        if (!this.holds(row.id)) return void this.noteLostLease(row.id);
        this.attemptsStarted++;
        return attemptDelivery(row, { trigger: "automatic" }, this.path);
      })
      .catch((err) => logger.error({ err, deliveryId: row.id }, "delivery attempt crashed; its lease will expire and it will be retried"))
      .finally(() => {
        this.inFlight--;
        this.leases.delete(row.id);
        const left = (this.perEndpoint.get(row.endpointId) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(row.endpointId, left);
        else this.perEndpoint.delete(row.endpointId);
        this.wake();
      });
  }

  private noteLostLease(deliveryId: string) {
    this.lostBeforeSend++;
    logger.warn({ deliveryId, leasesLostBeforeSend: this.lostBeforeSend }, "delivery lease may have run out before the attempt; not sent here (the delivery is retried by whoever holds it)");
  }
}
