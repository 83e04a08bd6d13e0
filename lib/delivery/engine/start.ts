import "server-only";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { startSmsEngine } from "@/lib/sms/start";
import { startMailLoop } from "@/lib/mail/start";

const globalForEngine = globalThis as unknown as { waypointEngine?: EmbeddedEngine };

/** Started once per server process (instrumentation.ts). Inngest mode needs nothing here. */
export async function startDeliveryEngine() {
  const driver = deliveryDriver(env);
  logger.info({ driver }, "delivery driver");
  // SMS rides the same driver choice: an embedded engine here, the send-sms function with Inngest.
  await startSmsEngine();
  // Mail retries and dead-letter alerts: a timer of its own, on every driver but "off".
  startMailLoop();
  if (driver !== "embedded" || globalForEngine.waypointEngine) return;
  const engine = new EmbeddedEngine({
    connectionString: env.DATABASE_URL,
    leaseMs: Number(process.env.DELIVERY_LEASE_MS ?? 30_000),
  });
  globalForEngine.waypointEngine = engine;
  // No shutdown hook on purpose: a stopped process's leases expire and others resume its work.
  await engine.start();
}
