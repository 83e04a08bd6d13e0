// lib/jobs owns background work that does not know Inngest: the announce port, claim loop, wake-up, start-up.
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
/**
 * `group`: what flow control is keyed by (the endpoint for deliveries). `occurrence`: what makes
 * this announcement of the row distinct from earlier ones (an attempt count, a sweep's tick); a
 * driver that deduplicates (Inngest event ids) treats the same id and occurrence as one.
 */
export type Job = { id: string; group?: string; occurrence?: string };
export type AnnounceContext = { triggeredById?: string | null };

/** How a driver hears about new work. The embedded one is built in; Inngest's registers at start-up (inngest/driver.ts). */
export type JobDriver = {
  name: string;
  announce(kind: JobKind, jobs: readonly Job[], context: AnnounceContext): Promise<void>;
  /** What the readiness report shows about it (no secrets). */
  describe?: () => Record<string, unknown>;
};

/** The driver's own endpoint being called (Inngest syncing the app, running a step), as this process saw it. */
export type DriverCall = { kind: "sync" | "run"; status: number; at: string };

const globalForJobs = globalThis as unknown as { waypointJobDriver?: JobDriver; waypointDriverCalls?: Partial<Record<DriverCall["kind"], DriverCall>> };

/** Called by the driver's serve route for each sync or run request it answered. */
export function noteDriverCall(kind: DriverCall["kind"], status: number) {
  (globalForJobs.waypointDriverCalls ??= {})[kind] = { kind, status, at: new Date().toISOString() };
}

/** The registered external driver and the last calls this process answered for it (the readiness report). */
export function jobDriverState(): { registered: string | null; lastCalls: Partial<Record<DriverCall["kind"], DriverCall>> } & Record<string, unknown> {
  const driver = globalForJobs.waypointJobDriver;
  return { registered: driver?.name ?? null, ...(driver?.describe?.() ?? {}), lastCalls: { ...globalForJobs.waypointDriverCalls } };
}

/** Installs the driver for `DELIVERY_ENGINE=inngest`; on globalThis, like the wake emitter, so every Next bundle sees it. */
export function registerJobDriver(driver: JobDriver) {
  globalForJobs.waypointJobDriver = driver;
}

/** The registered external driver's name, or null. */
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
