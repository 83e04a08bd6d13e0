import "server-only";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { deliveryDriver, inngestConfigWarnings } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { registeredJobDriver } from "@/lib/jobs/announce";
import { logger } from "@/lib/logger";
import { startMailLoop } from "@/lib/mail/start";
import { startMonitorLoop } from "@/lib/monitoring/start";
import { EmbeddedSmsEngine } from "@/lib/sms/engine";

const globalForWork = globalThis as unknown as { waypointEngine?: EmbeddedEngine; waypointSmsEngine?: EmbeddedSmsEngine };

/**
 * Everything a server process runs in the background, started once (instrumentation.ts): with
 * the embedded driver, the delivery engine and the SMS engine (claim loops over Postgres); with
 * Inngest, neither (its functions do that work; inngest/driver.ts is registered before this);
 * and on every driver but "off", the mail loop (retries and dead-letter alerts; Inngest has no
 * mail function). No shutdown hook on purpose: a stopped process's leases expire and others
 * resume its work.
 */
export async function startBackgroundWork() {
  const driver = deliveryDriver(env);
  logger.info({ driver, registered: registeredJobDriver() }, "delivery driver");
  for (const warning of inngestConfigWarnings(env)) logger.warn(warning);
  startMailLoop();
  startMonitorLoop(); // alerts, SLA rollup, v1 sunset notices (lib/monitoring/start.ts)
  if (driver !== "embedded") return;
  if (!globalForWork.waypointEngine) {
    const engine = new EmbeddedEngine({ connectionString: env.DATABASE_URL });
    globalForWork.waypointEngine = engine;
    await engine.start();
  }
  if (!globalForWork.waypointSmsEngine) {
    const sms = new EmbeddedSmsEngine({ connectionString: env.DATABASE_URL });
    globalForWork.waypointSmsEngine = sms;
    await sms.start();
  }
}

/** Stops this process's engines, letting attempts in flight finish (a worker's SIGTERM); unfinished ones keep their leases. */
export async function stopBackgroundWork() {
  const { waypointEngine, waypointSmsEngine } = globalForWork;
  globalForWork.waypointEngine = undefined;
  globalForWork.waypointSmsEngine = undefined;
  await Promise.all([waypointEngine?.stop(), waypointSmsEngine?.stop()]);
}

/** The counters of this process's delivery engine (null when it runs none). */
export const deliveryEngineStats = () => globalForWork.waypointEngine?.stats() ?? null;
