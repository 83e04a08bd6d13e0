// lib/monitoring owns the in-process monitor loop: alert evaluation, operational webhooks, SLA rollup, sunset notices.
import "server-only";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { sendDueOpsWebhooks } from "@/lib/alerts/ops-webhook";
import { EVALUATE_EVERY_MS } from "@/lib/alerts/rules";
import { backgroundPace } from "@/lib/jobs/pace";
import { deliveryDriver } from "@/lib/env-schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { refreshSlaRollup } from "@/lib/sla/refresh";
import { sendDueSunsetNotices } from "@/lib/sunset/v1";

// The product watching its own promises, in-process like the mail loop (lib/mail/start.ts): the
// alert rules and their operational webhooks every 30 s, the SLA rollup every 10 minutes, the v1
// sunset notices every hour. Each step is safe with several processes running it (unique open
// incidents and conditional updates; the rollup under an advisory lock; notices claimed by row).

// The rollup adds the attempts settled since its last refresh (lib/sla/refresh.ts); a page read
// refreshes first anyway (ensureSlaFresh). Each refresh also re-reads the last SETTLE_MS's attempts
// (its provisional rows), so refreshing far more often than that would read them over and over.
export const SLA_REFRESH_EVERY_MS = 10 * 60_000;
export const SUNSET_CHECK_EVERY_MS = 60 * 60_000;

type Loop = { timer: NodeJS.Timeout; running: Promise<void> | null; lastSlaAt: number; lastSunsetAt: number };
const globalForMonitor = globalThis as unknown as { waypointMonitorLoop?: Loop };

/** Starts once per process, on every driver but "off" (call it beside startMailLoop). */
export function startMonitorLoop() {
  if (deliveryDriver(env) === "off" || globalForMonitor.waypointMonitorLoop) return;
  const loop: Loop = { timer: setInterval(() => tick(loop), EVALUATE_EVERY_MS), running: null, lastSlaAt: 0, lastSunsetAt: 0 };
  loop.timer.unref();
  globalForMonitor.waypointMonitorLoop = loop;
  logger.info("monitor loop started (alerts, SLA rollup, v1 sunset notices)");
}

/** Stops the timer and waits for a pass in progress (scripts and tests that exit). */
export async function stopMonitorLoop() {
  const loop = globalForMonitor.waypointMonitorLoop;
  if (!loop) return;
  clearInterval(loop.timer);
  globalForMonitor.waypointMonitorLoop = undefined;
  await loop.running;
}

function tick(loop: Loop) {
  if (loop.running) return;
  loop.running = runMonitorPass(loop).finally(() => {
    loop.running = null;
  });
}

/** One pass; each step's failure is logged and does not stop the others. */
export async function runMonitorPass(loop: Pick<Loop, "lastSlaAt" | "lastSunsetAt"> = { lastSlaAt: 0, lastSunsetAt: 0 }, now = new Date()) {
  const step = async (name: string, work: () => Promise<unknown>) => {
    try {
      const result = await work();
      if (result && typeof result === "object" && Object.values(result).some((v) => typeof v === "number" && v > 0)) logger.info({ result }, `monitor: ${name}`);
    } catch (err) {
      logger.warn({ err }, `monitor: ${name} failed; trying again at the next pass`);
    }
  };
  await step("alerts", () => evaluateAlerts(now, backgroundPace));
  await step("operational webhooks", async () => ({ sent: await sendDueOpsWebhooks(now) }));
  if (now.getTime() - loop.lastSlaAt >= SLA_REFRESH_EVERY_MS) {
    loop.lastSlaAt = now.getTime();
    await step("SLA rollup", async () => ({ backfilledPartners: (await refreshSlaRollup(now, backgroundPace)).backfilledPartners }));
  }
  if (now.getTime() - loop.lastSunsetAt >= SUNSET_CHECK_EVERY_MS) {
    loop.lastSunsetAt = now.getTime();
    await step("v1 sunset notices", async () => ({ told: await sendDueSunsetNotices(now) }));
  }
}
