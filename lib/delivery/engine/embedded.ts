// lib/delivery/engine owns the embedded delivery driver: claim due deliveries in batches and run their attempts.
import "server-only";
import { sqlOn } from "@/lib/db/sql";
import { DELIVERY_CHANNEL } from "@/lib/delivery/channel";
import { AdaptiveLimits } from "@/lib/delivery/adaptive";
import { attemptDelivery, deliveryLeaseMs, type AttemptPath } from "@/lib/delivery/attempt";
import { renewLeases } from "@/lib/delivery/attempt-context";
import { AttemptRecorder } from "@/lib/delivery/attempt-recorder";
import { checkEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import type { FinishedAttempt } from "@/lib/delivery/attempt-recorder";
import { claimDueDeliveries, deferDeliveries, type ClaimedDelivery } from "@/lib/delivery/engine/claim";
import { retryAfterSeconds } from "@/lib/delivery/policy";
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
/** Claims start at least this far apart (ClaimLoop's minIntervalMs). */
const CLAIM_SPACING_MS = 5;
/** Rate-limited rows are given slots up to this far ahead and wait for them in flight; the rest go back. */
const PACE_HORIZON_MS = 1000;
/** An endpoint limited by its receiver's pushback keeps at most this many seconds of work waiting here; the rest goes back. */
const ADAPTIVE_QUEUE_SECONDS = 2;
/** At most one "throttled by the receiver" log line per endpoint this often. */
const THROTTLE_LOG_EVERY_MS = 10_000;

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
   * the lease surely holds (the claim's or last renewal's start plus the lease, so never later than
   * Postgres's own lockedUntil) and its fencing token. Renewed while their attempts (and rate-limit
   * waits) run; a lease another worker took over is dropped for good (token "").
   */
  private readonly leases = new Map<string, { until: number; token: string }>();
  private renewal: NodeJS.Timeout | null = null;
  private renewing = false;
  /** Attempts not made because their lease may have run out first (a stalled process): counted, logged. */
  private lostBeforeSend = 0;
  private attemptsStarted = 0;
  private readonly recorder: AttemptRecorder;
  private readonly path: AttemptPath;
  /** Receivers' pushback (429/503, timeouts): per-endpoint AIMD limits (lib/delivery/adaptive.ts). */
  private readonly adaptive = new AdaptiveLimits();
  /** Claimed rows of limited endpoints, leased and waiting for their endpoint's limits to let them go. */
  private readonly waiting = new Map<string, ClaimedDelivery[]>();
  private readonly pumpTimers = new Map<string, NodeJS.Timeout>();
  private readonly nextSendAt = new Map<string, number>();
  private readonly throttleLoggedAt = new Map<string, number>();
  /** Queued rows are sent one by one: a configured rate limit reserves its slot in the attempt. */
  private readonly limitedPath: AttemptPath;
  private readonly maxInFlight: number;
  private readonly maxPerEndpoint: number;
  private readonly leaseMs: number;

  constructor(options: EngineOptions) {
    // Async commit for the engine's writes (claims, lease renewals, attempt records, send slots):
    // with every one of them waiting for its own WAL flush, ingest commits queued behind them for
    // the disk (bench:http at 300 orders/s: IO:WALSync and WALWrite were the most common waits).
    // Only a crash of the database server can drop the last ~0.6 s of them, and what it drops is
    // redone, not lost: a lost claim or renewal lets the lease run out and the delivery be sent
    // again (the same webhook-id, which receivers deduplicate on); a lost attempt record, the same.
    // Events and deliveries are written by ingest, whose commits still wait for the flush.
    super({ name: "delivery engine", connectionString: options.connectionString, channel: DELIVERY_CHANNEL, pollMs: options.pollMs ?? env.DELIVERY_POLL_MS, poolMax: 4, asyncCommit: true, minIntervalMs: CLAIM_SPACING_MS });
    this.maxInFlight = options.maxInFlight ?? 2000;
    this.maxPerEndpoint = options.maxPerEndpoint ?? 1000;
    this.leaseMs = options.leaseMs ?? deliveryLeaseMs();
    this.recorder = new AttemptRecorder(sqlOn(this.pool));
    // Batched writes; the health check after a dead-letter runs beside the engine, not in an attempt's lane.
    this.path = {
      record: (attempt) => {
        this.noteAnswer(attempt);
        return this.recorder.record(attempt);
      },
      db: (work) => work(),
      afterDeadLetter: (endpointId) => void checkEndpointAfterDeadLetter(endpointId),
      paced: true, // slots reserved per claimed batch (claimAndDispatch)
    };
    this.limitedPath = { ...this.path, paced: false };
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
   * Extends the leases this engine holds. Fenced by token (renewLeases): one that ran out is renewed
   * if nobody claimed it since; one another worker took over is lost for good, and its attempt is
   * not made here (holds()).
   */
  private async renewHeldLeases() {
    if (this.renewing) return;
    this.renewing = true;
    try {
      const startedAt = Date.now();
      const held = [...this.leases].filter(([, l]) => l.token !== "").map(([id, l]) => ({ id, token: l.token }));
      const { renewed, lost } = await renewLeases(sqlOn(this.pool), held, this.leaseMs);
      for (const { id } of held) {
        if (!this.leases.has(id)) continue;
        const token = renewed.get(id);
        if (token) this.leases.set(id, { until: startedAt + this.leaseMs, token });
        else if (lost.has(id)) this.leases.set(id, { until: 0, token: "" });
      }
    } catch (err) {
      logger.warn({ err }, "delivery engine could not renew its leases");
    } finally {
      this.renewing = false;
    }
  }

  /** Whether this engine may still send for this delivery: its lease holds for a safety margin more. */
  private holds(deliveryId: string) {
    const margin = Math.min(1000, Math.floor(this.leaseMs / 4));
    return (this.leases.get(deliveryId)?.until ?? 0) - Date.now() > margin;
  }

  async stop(drainMs?: number) {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    await super.stop(drainMs);
    for (const timer of this.pumpTimers.values()) clearTimeout(timer);
    this.pumpTimers.clear();
  }

  /** The endpoints this engine currently limits because their receivers pushed back. */
  limitedEndpoints() {
    return this.adaptive.limited().map(([endpointId, l]) => ({ endpointId, ...l, waiting: this.waiting.get(endpointId)?.length ?? 0 }));
  }

  protected isFull() {
    return this.inFlight >= this.maxInFlight;
  }

  protected async claimAndDispatch(): Promise<boolean> {
    const capacity = Math.min(CLAIM_BATCH, this.maxInFlight - this.inFlight);
    if (capacity <= 0) return false;
    const saturated = [...this.perEndpoint].filter(([, n]) => n >= this.maxPerEndpoint).map(([id]) => id);
    // Limited endpoints take new rows only when nothing of theirs waits here and they have room.
    for (const [endpointId, limit] of this.adaptive.limited()) {
      if (this.waiting.get(endpointId)?.length || (this.perEndpoint.get(endpointId) ?? 0) >= Math.floor(limit.concurrency) || limit.pausedUntil > Date.now()) saturated.push(endpointId);
    }
    this.adaptive.prune();
    const claimedAt = Date.now(); // the leases run from when Postgres ran the claim, which is later
    const rows = await claimDueDeliveries(this.pool, { limit: capacity, leaseMs: this.leaseMs, excludeEndpoints: saturated });
    for (const row of rows) this.leases.set(row.id, { until: claimedAt + this.leaseMs, token: row.leaseToken });
    // Endpoints with a rate limit: one statement reserves send slots for all of them (send-slots.ts,
    // shared with every process and the Inngest path). Rows with a slot wait for it in flight;
    // the others go back, due when the next slot comes within reach.
    const limited = new Map<string, ClaimedDelivery[]>();
    const throttled = new Map<string, ClaimedDelivery[]>();
    for (const row of rows) {
      if (this.adaptive.limitFor(row.endpointId)) throttled.set(row.endpointId, [...(throttled.get(row.endpointId) ?? []), row]);
      else if (!row.rateLimitPerSecond) this.dispatch(row, 0);
      else if (limited.has(row.endpointId)) limited.get(row.endpointId)!.push(row);
      else limited.set(row.endpointId, [row]);
    }
    if (throttled.size) await this.enqueueLimited(throttled);
    const batchFull = rows.length === capacity;
    if (limited.size === 0) return batchFull;
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
    return batchFull;
  }

  /**
   * Rows of endpoints whose receivers pushed back wait here (leased, renewed, counted as in flight)
   * and are sent as the endpoint's limits allow (pump); more than a couple of seconds of them go back.
   */
  private async enqueueLimited(byEndpoint: Map<string, ClaimedDelivery[]>) {
    const back: ClaimedDelivery[] = [];
    for (const [endpointId, rows] of byEndpoint) {
      const limit = this.adaptive.limitFor(endpointId)!;
      const keep = Math.max(1, Math.ceil(Math.max(limit.concurrency, limit.perSecond ?? 0) * ADAPTIVE_QUEUE_SECONDS));
      const queue = this.waiting.get(endpointId) ?? [];
      const room = Math.max(0, keep - queue.length);
      queue.push(...rows.slice(0, room));
      back.push(...rows.slice(room));
      this.inFlight += Math.min(room, rows.length);
      this.waiting.set(endpointId, queue);
      this.pump(endpointId);
    }
    for (const r of back) this.leases.delete(r.id);
    await deferDeliveries(this.pool, back.map((r) => r.id), back.map(() => ADAPTIVE_QUEUE_SECONDS * 1000));
  }

  /** Sends an endpoint's waiting rows while its limits allow: in flight, sends a second, a Retry-After pause. */
  private pump(endpointId: string) {
    const queue = this.waiting.get(endpointId);
    if (!queue?.length || this.pumpTimers.has(endpointId)) return;
    while (queue.length) {
      const limit = this.adaptive.limitFor(endpointId);
      const now = Date.now();
      const wait = limit ? Math.max(limit.pausedUntil, limit.perSecond ? (this.nextSendAt.get(endpointId) ?? 0) : 0) - now : 0;
      if (wait > 0) {
        this.pumpTimers.set(endpointId, setTimeout(() => (this.pumpTimers.delete(endpointId), this.pump(endpointId)), wait));
        return;
      }
      if (limit && (this.perEndpoint.get(endpointId) ?? 0) >= Math.floor(limit.concurrency)) return; // a finishing attempt pumps again
      if (limit?.perSecond) this.nextSendAt.set(endpointId, Math.max(now, this.nextSendAt.get(endpointId) ?? 0) + 1000 / limit.perSecond);
      const row = queue.shift()!;
      this.inFlight--; // dispatch counts it again
      this.dispatch(row, 0, this.limitedPath);
    }
    this.waiting.delete(endpointId);
  }

  /** Feeds an answer to the endpoint's adaptive limits; logs when they are cut. */
  private noteAnswer(attempt: FinishedAttempt) {
    const { endpointId, result } = attempt;
    const retryAfter = retryAfterSeconds(result.statusCode, result.responseHeaders);
    const cut = this.adaptive.noteResult(endpointId, result, this.perEndpoint.get(endpointId) ?? 1, retryAfter === null ? null : retryAfter * 1000);
    const now = Date.now();
    if (cut && now - (this.throttleLoggedAt.get(endpointId) ?? 0) >= THROTTLE_LOG_EVERY_MS) {
      this.throttleLoggedAt.set(endpointId, now);
      const limit = this.adaptive.limitFor(endpointId)!;
      logger.warn(
        { endpointId, concurrency: limit.concurrency, perSecond: limit.perSecond === null ? null : Math.round(limit.perSecond * 10) / 10, reason: limit.reason, statusCode: result.statusCode },
        "endpoint throttled by the receiver: fewer requests until it recovers",
      );
    }
  }

  /** Starts the attempt after `delayMs` (its rate-limit slot); it counts as in flight, and its lease is renewed, from now. */
  private dispatch(row: ClaimedDelivery, delayMs: number, path: AttemptPath = this.path) {
    this.inFlight++;
    this.adaptive.noteSend(row.endpointId);
    this.perEndpoint.set(row.endpointId, (this.perEndpoint.get(row.endpointId) ?? 0) + 1);
    const slot = delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : Promise.resolve();
    slot
      .then(() => {
        // Checked right before the send: a process that stalled (or could not renew) past its lease
        // leaves the delivery to whoever holds it now, instead of sending it a second time.
        if (!this.holds(row.id)) return void this.noteLostLease(row.id);
        this.attemptsStarted++;
        return attemptDelivery(row, { trigger: "automatic" }, path);
      })
      .catch((err) => logger.error({ err, deliveryId: row.id }, "delivery attempt crashed; its lease will expire and it will be retried"))
      .finally(() => {
        const wasFull = this.isFull();
        this.inFlight--;
        this.leases.delete(row.id);
        const left = (this.perEndpoint.get(row.endpointId) ?? 1) - 1;
        if (left > 0) this.perEndpoint.set(row.endpointId, left);
        else this.perEndpoint.delete(row.endpointId);
        if (this.waiting.has(row.endpointId)) this.pump(row.endpointId);
        // Claim again only when this attempt made room the last claim had to leave out (the engine
        // or this endpoint was full, or the endpoint is limited): new work wakes the loop by
        // NOTIFY and retries by the poll. Waking on every finished attempt cost a claim statement
        // per delivery (bench:http profile: most of the engine's database round trips).
        if (wasFull || left + 1 >= this.maxPerEndpoint || (this.adaptive.limitFor(row.endpointId) && !this.waiting.has(row.endpointId))) this.wake();
      });
  }

  private noteLostLease(deliveryId: string) {
    this.lostBeforeSend++;
    logger.warn({ deliveryId, leasesLostBeforeSend: this.lostBeforeSend }, "delivery lease may have run out before the attempt; not sent here (the delivery is retried by whoever holds it)");
  }
}
