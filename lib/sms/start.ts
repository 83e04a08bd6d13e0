import "server-only";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { EmbeddedSmsEngine } from "@/lib/sms/engine";

const globalForSms = globalThis as unknown as { waypointSmsEngine?: EmbeddedSmsEngine };

/**
 * Started beside the delivery engine (lib/delivery/engine/start.ts), on the same driver choice:
 * embedded here; with Inngest the send-sms function sends instead; "off" sends nothing.
 */
export async function startSmsEngine() {
  if (deliveryDriver(env) !== "embedded" || globalForSms.waypointSmsEngine) return;
  const engine = new EmbeddedSmsEngine({ connectionString: env.DATABASE_URL });
  globalForSms.waypointSmsEngine = engine;
  // No shutdown hook, as for deliveries: a stopped process's leases expire and others resume.
  await engine.start();
}
