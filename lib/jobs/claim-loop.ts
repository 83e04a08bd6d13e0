import "server-only";
import pg from "pg";
import { wakeEmitter } from "@/lib/jobs/wake";
import { logger } from "@/lib/logger";

export type ClaimLoopOptions = {
  name: string; // for the logs: "delivery engine", "sms engine"
  connectionString: string;
  channel: string; // LISTEN channel that says new work is due
  pollMs: number; // fallback poll for retries coming due and missed notifications
  poolMax: number;
  /**
   * The loop's own writes commit without waiting for the WAL flush (synchronous_commit off): only
   * for work whose lost last write is redone, never lost (see EmbeddedEngine). Only a crash of
   * the database server itself can drop them, and only the last few hundred milliseconds'.
   */
  asyncCommit?: boolean;
  /**
   * At least this long between the starts of two claims: under load, notifications that come
   * closer together share one claim instead of each paying for a statement of its own (a claim
   * per NOTIFY carried 3–4 deliveries at 250 orders/s in bench:http). Adds at most this much to
   * an attempt's start, and nothing when the previous claim was longer ago.
   */
  minIntervalMs?: number;
};

/**
 * The scheduling loop both embedded engines share: claim due rows from Postgres, dispatch them,
 * and sleep until woken by NOTIFY (other processes), wakeWorkers() (this one) or the poll.
 * Subclasses decide what to claim and how many; the rules stay in their perform-* functions.
 */
export abstract class ClaimLoop {
  protected readonly pool: pg.Pool;
  protected inFlight = 0;
  private listener: pg.Client | null = null;
  private running = false;
  private wakeup: (() => void) | null = null;
  /** A wake-up that came while the loop was claiming: the claim may have run before that work committed. */
  private wokenWhileBusy = false;
  private loopDone: Promise<void> | null = null;
  private lastClaimAt = 0;

  constructor(private readonly loopOptions: ClaimLoopOptions) {
    this.pool = new pg.Pool({
      connectionString: loopOptions.connectionString,
      max: loopOptions.poolMax,
      ...(loopOptions.asyncCommit ? { options: "-c synchronous_commit=off" } : {}),
    });
    this.pool.on("error", (err) => logger.warn({ err }, `${loopOptions.name} pool error`));
  }

  /**
   * Claims what is due and starts it. Resolves true when it claimed as many rows as it asked for,
   * so more may be due now; otherwise everything due was taken (or is held by another process)
   * and the loop waits to be woken.
   */
  protected abstract claimAndDispatch(): Promise<boolean>;
  /** True when no more work should be claimed until something finishes. */
  protected abstract isFull(): boolean;

  get inFlightCount() {
    return this.inFlight;
  }

  async start() {
    this.running = true;
    wakeEmitter.on("wake", this.wake);
    await this.listen();
    this.loopDone = this.loop();
    logger.info(`${this.loopOptions.name} started`);
  }

  /** Stops claiming, lets work in flight finish for up to `drainMs`; the rest keep their lease and come back. */
  async stop(drainMs = 15_000) {
    this.running = false;
    wakeEmitter.off("wake", this.wake);
    this.wake();
    await withDeadline(this.loopDone ?? Promise.resolve(), drainMs);
    await withDeadline(this.listener?.end().catch(() => {}) ?? Promise.resolve(), 2_000);
    await withDeadline(this.pool.end().catch(() => {}), 2_000);
  }

  protected wake = () => {
    const resolve = this.wakeup;
    this.wakeup = null;
    if (resolve) resolve();
    else this.wokenWhileBusy = true;
  };

  private async listen() {
    try {
      const client = new pg.Client({ connectionString: this.loopOptions.connectionString });
      client.on("notification", this.wake);
      client.on("error", () => this.reconnectListener(client));
      await client.connect();
      await client.query(`LISTEN ${this.loopOptions.channel}`);
      this.listener = client;
    } catch (err) {
      logger.warn({ err }, `${this.loopOptions.name} could not LISTEN; polling until it can`);
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
      let batchFull = false;
      const spacing = this.lastClaimAt + (this.loopOptions.minIntervalMs ?? 0) - Date.now();
      if (spacing > 0) await new Promise((r) => setTimeout(r, spacing));
      if (!this.running) break;
      this.lastClaimAt = Date.now();
      this.wokenWhileBusy = false;
      try {
        batchFull = await this.claimAndDispatch();
      } catch (err) {
        logger.warn({ err }, `${this.loopOptions.name} claim failed; retrying`);
      }
      // A full batch means more may be due: go again at once; otherwise wait to be woken. (Going
      // again after any non-empty claim made every NOTIFY cost a second, empty claim.)
      if (!batchFull || this.isFull()) await this.sleep(this.loopOptions.pollMs);
    }
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private sleep(ms: number) {
    // Work announced during the last claim (its NOTIFY came while no one was sleeping) may not have
    // been visible to it: look again at once instead of waiting for the next NOTIFY or the poll.
    if (this.wokenWhileBusy) {
      this.wokenWhileBusy = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake(), ms);
      this.wakeup = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

const withDeadline = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
