import "server-only";
import { env } from "@/lib/env";
import { ClaimLoop } from "@/lib/jobs/claim-loop";
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
  /** Fallback poll for retries coming due and missed notifications (DELIVERY_POLL_MS by default). */
  pollMs?: number;
  /** Tests only: a provider and retry schedule of their own. */
  provider?: SmsProvider;
  schedule?: readonly number[];
};

/**
 * The embedded SMS driver, the delivery engine's twin (lib/delivery/engine/embedded.ts): it
 * schedules from the SmsMessage rows in Postgres, so any number of processes share the work and
 * a killed one loses nothing. Woken by NOTIFY from other processes and by wakeWorkers() in this
 * one; rules live in performSmsAttempt, this only decides when and how many.
 */
export class EmbeddedSmsEngine extends ClaimLoop {
  private readonly maxInFlight: number;
  private readonly leaseMs: number;

  constructor(private readonly options: SmsEngineOptions) {
    super({ name: "sms engine", connectionString: options.connectionString, channel: SMS_CHANNEL, pollMs: options.pollMs ?? env.DELIVERY_POLL_MS, poolMax: 2 });
    this.maxInFlight = options.maxInFlight ?? 50;
    this.leaseMs = options.leaseMs ?? SMS_LEASE_MS;
  }

  protected isFull() {
    return this.inFlight >= this.maxInFlight;
  }

  protected async claimAndDispatch(): Promise<boolean> {
    const capacity = this.maxInFlight - this.inFlight;
    if (capacity <= 0) return false;
    const ids = await claimDueSms(this.pool, { limit: capacity, leaseMs: this.leaseMs });
    for (const id of ids) this.dispatch(id);
    return ids.length === capacity;
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
