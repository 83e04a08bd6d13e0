import "server-only";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { wakeEngine } from "@/lib/delivery/engine/wake";

/**
 * Called after a commit that created due deliveries. Losing this call loses nothing: the rows
 * are in Postgres, the embedded engine polls, and Inngest's sweep re-announces overdue rows.
 */
export type AnnouncedDelivery = { id: string; endpointId: string };

export async function announceDeliveries(deliveries: AnnouncedDelivery[]) {
  const driver = deliveryDriver(env);
  if (driver === "embedded") return void wakeEngine();
  if (driver !== "inngest" || deliveries.length === 0) return;
  try {
    const { announceToInngest } = await import("@/inngest/announce");
    await announceToInngest(deliveries);
  } catch (error) {
    logger.warn({ err: error, count: deliveries.length }, "could not announce deliveries to Inngest; the sweep will pick them up");
  }
}
