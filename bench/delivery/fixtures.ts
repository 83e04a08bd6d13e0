// What each phase sets up and tears down: a receiver, a partner with endpoints and an ingest key,
// the engine child, a warm-up, and settle() so one phase cannot leak into the next.
import { EngineChild } from "../lib/child";
import { waitFor } from "../lib/stats";
import { ENGINE_LOG_LEVEL, ENGINE_OPTIONS, createEndpoint, createIngestKey, createPartner, log, receivers, sql, startReceiver } from "./harness";
import { ingestAsFastAsPossible } from "./ingest";
import { childStats, waitDelivered } from "./measure";

export async function receiver(opts: { slowMs?: number } = {}) {
  const state = { answered: 0 };
  const r = await startReceiver({ onRequest: () => void state.answered++ });
  if (opts.slowMs) r.setMode({ kind: "slow", ms: opts.slowMs });
  receivers.add(r);
  return {
    rx: r,
    /** Requests that arrived and have not been answered yet (held by slow mode). */
    open: () => r.received.length - state.answered,
    close: async () => {
      receivers.delete(r);
      await r.close();
    },
  };
}

export async function newPartner(receiverUrl: string, paths: string[], extra: { timeoutMs?: number } = {}) {
  const partner = await createPartner({ name: `Bench ${paths.join(",")} ${Date.now()}`, ...extra });
  const endpoints = [];
  for (const p of paths) endpoints.push((await createEndpoint({ partnerId: partner.id, url: `${receiverUrl}${p}` })).endpoint);
  const { key } = await createIngestKey(partner.id, "Bench OMS");
  return { partnerId: partner.id, key, endpoints };
}

export async function spawnEngine(label: string, extraEnv: Record<string, string> = {}) {
  const c = await EngineChild.spawn(label, { LOG_LEVEL: ENGINE_LOG_LEVEL, ...extraEnv });
  await c.call({ cmd: "start", options: ENGINE_OPTIONS });
  return c;
}

/** Warms JIT, Prisma pools and keep-alive sockets in both processes; returns a real webhook to copy. */
export async function warmUp(label: string, events = 100) {
  const r = await receiver();
  const p = await newPartner(r.rx.url, ["/warm"]);
  await ingestAsFastAsPossible(p.key, `warm-${label}`, events, 10);
  const stats = await waitDelivered(p.partnerId, events, 20_000);
  if (stats.delivered < events) log(`warm-up ${label}: only ${stats.delivered}/${events} delivered in 20 s; going on`);
  if (r.rx.received.length === 0) throw new Error(`warm-up ${label}: no webhook arrived`);
  const sample = r.rx.received[0]!;
  await settle([p.partnerId]);
  await r.close();
  return sample;
}

/**
 * Ends a phase so it cannot leak into the next one: a crashed attempt keeps its 30 s lease and
 * would come back in the middle of a later phase. Stops further claims of the phase's rows, lets
 * the engine go idle (`beforeIdle` runs in between, e.g. to cut off a slow receiver), then takes
 * whatever was not delivered out of the queue. Returns how many rows were taken out.
 */
export async function settle(partnerIds: string[], beforeIdle?: () => Promise<void>): Promise<number> {
  await sql.query(`UPDATE "Delivery" SET "nextAttemptAt" = NULL WHERE "partnerId" = ANY($1) AND status <> 'delivered'`, [partnerIds]);
  await beforeIdle?.();
  await waitFor(async () => (await childStats()).inFlight === 0, 20_000, 100);
  const { rowCount } = await sql.query(
    `UPDATE "Delivery" SET status = 'dead_lettered', "nextAttemptAt" = NULL, "lockedUntil" = NULL, "deadLetteredAt" = now() WHERE "partnerId" = ANY($1) AND status <> 'delivered'`,
    [partnerIds],
  );
  return rowCount ?? 0;
}
