import "server-only";
import pg from "pg";
import { wakeEmitter } from "@/lib/delivery/engine/wake";
import { logger } from "@/lib/logger";
import { claimDueSms } from "@/lib/sms/claim";
import { performSmsAttempt } from "@/lib/sms/perform-sms-attempt";
import { SMS_LEASE_MS } from "@/lib/sms/policy";
import type { SmsProvider } from "@/lib/sms/providers/types";
import { SMS_CHANNEL } from "@/lib/sms/sms-channel";

export type SmsEngineOptions = {
  connectionString: string;
  /** Sends in flight at once in this process; a provider's own rate limit is the real cap. */
  maxInFlight?: number;
  leaseMs?: number;
  /** Fallback poll for retries coming due and missed notifications. */
  pollMs?: number;
  /** Tests only: a provider and retry schedule of their own. */
  provider?: SmsProvider;
  schedule?: readonly number[];
};

/**
 * The embedded SMS driver, the delivery engine's twin (lib/delivery/engine/embedded.ts): it
 * schedules from the SmsMessage rows in Postgres, so any number of processes share the work and
 * a killed one loses nothing. Woken by NOTIFY from other processes and by wakeEngine() in this
 * one; rules live in performSmsAttempt, this only decides when and how many.
 */
export class EmbeddedSmsEngine {
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private inFlight = 0;
  private running = false;
  private wakeup: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private readonly maxInFlight: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;

  constructor(private readonly options: SmsEngineOptions) {
    this.maxInFlight = options.maxInFlight ?? 50;
    this.leaseMs = options.leaseMs ?? SMS_LEASE_MS;
    this.pollMs = options.pollMs ?? 1000;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
    this.pool.on("error", (err) => logger.warn({ err }, "sms engine pool error"));
  }

  async start() {
    this.running = true;
    wakeEmitter.on("wake", this.wake);
    await this.listen();
    this.loopDone = this.loop();
    logger.info({ maxInFlight: this.maxInFlight }, "embedded sms engine started");
  }

  async stop() {
    this.running = false;
    wakeEmitter.off("wake", this.wake);
    this.wake();
    await this.loopDone;
    await this.listener?.end().catch(() => {});
    await this.pool.end().catch(() => {});
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
      await client.query(`LISTEN ${SMS_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      logger.warn({ err }, "sms engine could not LISTEN; polling until it can");
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
        logger.warn({ err }, "sms engine claim failed; retrying");
      }
      // A full batch means more may be due: go again at once; otherwise wait to be woken.
      if (claimed === 0 || this.inFlight >= this.maxInFlight) await this.sleep(this.pollMs);
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
    const capacity = this.maxInFlight - this.inFlight;
    if (capacity <= 0) return 0;
    const ids = await claimDueSms(this.pool, { limit: capacity, leaseMs: this.leaseMs });
    for (const id of ids) this.dispatch(id);
    return ids.length;
  }

  private dispatch(id: string) {
    this.inFlight++;
    performSmsAttempt(id, { leased: true, provider: this.options.provider, schedule: this.options.schedule })
      .catch((err) => logger.error({ err, smsMessageId: id }, "sms attempt crashed; its lease will expire and it will be retried"))
      .finally(() => {
        this.inFlight--;
        this.wake();
      });
  }
}
