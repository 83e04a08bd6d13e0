import "server-only";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { wakeWorkers } from "@/lib/jobs/wake";
import { logger } from "@/lib/logger";

/**
 * Work that exists as rows in Postgres and must be picked up by whichever driver runs it:
 * - "delivery": deliveries became due (after ingest); `group` is the endpoint (flow control).
 * - "sms": SMS messages became due.
 * - "delivery-retry": a person asked for these deliveries to be sent again now.
 */
export type JobKind = "delivery" | "sms" | "delivery-retry";
export type Job = { id: string; group?: string };
export type AnnounceContext = { triggeredById?: string | null };

/** How a driver hears about new work. The embedded one is built in; Inngest's registers at start-up (inngest/driver.ts). */
export type JobDriver = {
  name: string;
  announce(kind: JobKind, jobs: readonly Job[], context: AnnounceContext): Promise<void>;
};

const globalForJobs = globalThis as unknown as { waypointJobDriver?: JobDriver };

/** Installs the driver for `DELIVERY_ENGINE=inngest`; on globalThis, like the wake emitter, so every Next bundle sees it. */
export function registerJobDriver(driver: JobDriver) {
  globalForJobs.waypointJobDriver = driver;
}

/** The registered external driver's name, or null (for the readiness report). */
export const registeredJobDriver = () => globalForJobs.waypointJobDriver?.name ?? null;

// In this process: the claim loops look again now (NOTIFY, sent in the same statement as the
// rows, wakes the others). Nothing to send, nothing to lose.
const embedded: JobDriver = { name: "embedded", announce: async () => void wakeWorkers() };

/**
 * Tells the running driver about work just committed. Losing a "delivery" or "sms" announcement
 * loses nothing: the rows are due in Postgres, the embedded engines poll and the Inngest sweeps
 * re-announce them, so a failure is logged, not thrown. A "delivery-retry" has no such net (a
 * person is waiting for the answer), so its failure is thrown to the caller.
 */
export async function announce(kind: JobKind, jobs: readonly Job[], context: AnnounceContext = {}): Promise<void> {
  const choice = deliveryDriver(env);
  if (choice === "off" || jobs.length === 0) return;
  const driver = choice === "embedded" ? embedded : globalForJobs.waypointJobDriver;
  try {
    if (!driver) throw new Error(`DELIVERY_ENGINE is "${choice}" but no ${choice} driver was registered in this process (instrumentation.ts registers it at start-up)`);
    await driver.announce(kind, jobs, context);
  } catch (error) {
    if (kind === "delivery-retry") throw error;
    logger.warn({ err: error, kind, count: jobs.length, driver: driver?.name ?? choice }, "could not announce work; the sweep will pick it up");
  }
}
