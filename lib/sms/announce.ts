import "server-only";
import { wakeEngine } from "@/lib/delivery/engine/wake";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * Called after a commit that queued SMS. Losing this call loses nothing: the rows are in
 * Postgres, NOTIFY already woke every embedded engine on a real server, the engines poll, and
 * the Inngest sweep (inngest/functions/send-sms.ts) picks up whatever was never announced.
 */
export async function announceSms(messageIds: string[]) {
  const driver = deliveryDriver(env);
  // In process: PGlite's NOTIFY does not reach other connections, this does.
  if (driver === "embedded") return void wakeEngine();
  if (driver !== "inngest" || messageIds.length === 0) return;
  try {
    const [{ inngest }, { smsRequestedEvent }] = await Promise.all([import("@/inngest/client"), import("@/inngest/functions/send-sms")]);
    await inngest.send(messageIds.map(smsRequestedEvent));
  } catch (error) {
    logger.warn({ err: error, count: messageIds.length }, "could not announce SMS to Inngest; the sweep will pick them up");
  }
}
