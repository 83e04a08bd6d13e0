import { config } from "./config";
import { arrivalOf, runLoad, type PhaseResult } from "./measure";
import { log, PATHS, type World } from "./world";

// kill -9 of the process holding deliveries, half-way through a steady run. npm start's supervisor
// restarts it; the deliveries it held come back when their leases run out. Counted: deliveries
// lost, duplicated (split into re-sends of attempts the killed process had made but not recorded,
// which at-least-once allows, and any other), and the time from the kill until every event
// accepted before it had arrived everywhere.

export type KillResult = PhaseResult & {
  killed: { role: string; pid: number; atMs: number };
  /** Deliveries of events accepted before the kill that had not arrived when it came. */
  pendingAtKill: number;
  /** Kill → the last of those arrived. */
  allPreKillArrivedAfterMs: number | null;
  /** A re-send of the attempt the killed process had in flight and never recorded (same webhook-id): at most one per delivery. */
  duplicatesResentAfterKill: number;
  /** A later arrival after an attempt Waypoint recorded as failed (the receiver had it, the answer came too late): a scheduled retry. */
  duplicatesRetriedAfterFailure: number;
  /** Neither: two sends of one attempt by live processes. Must be 0. */
  duplicatesOther: number;
  restartedAfterMs: number | null;
  /** Requests refused or cut while the killed process was the web server. */
  ingestFailures: number;
};

export async function killMidRun(world: World): Promise<KillResult> {
  const killAt = { role: "", pid: 0, at: 0 };
  const { result, load } = await runLoad(world, {
    label: `kill -9 at ${config.killRate}/s`,
    rate: config.killRate,
    seconds: config.seconds,
    drainSeconds: Math.max(config.drainSeconds, 60),
    during: async (startedAt) => {
      await new Promise((r) => setTimeout(r, startedAt + (config.seconds * 1000) / 2 - Date.now()));
      const holder = world.topology.deliveryHolder();
      killAt.at = Date.now();
      world.topology.kill9(holder.pid);
      Object.assign(killAt, { role: holder.role, pid: holder.pid });
      log(`kill -9 ${holder.role} (pid ${holder.pid})`);
    },
  });

  let pendingAtKill = 0;
  let lastPreKill = 0;
  const repeats: Repeat[] = [];
  load.status.forEach((status, i) => {
    const id = load.eventId[i];
    if (status !== 201 || !id) return;
    for (const p of PATHS) {
      const a = arrivalOf(p, id);
      if (!a) continue;
      if (load.done[i]! < killAt.at && a.first >= killAt.at) {
        pendingAtKill++;
        lastPreKill = Math.max(lastPreKill, a.first);
      }
      if (a.later.length) repeats.push({ eventId: id, path: p, arrivals: 1 + a.later.length });
    }
  });
  // Repeats are told apart by the delivery's attempt records, not by the kill's clock: a request
  // the killed process wrote just before the kill can reach the receiver (a process of its own)
  // just after it.
  const { resent, retried, other } = await explainRepeats(world, repeats);
  // Pending deliveries that never arrived are counted as lost by runLoad.
  // Back: a worker said it is ready again; the web process answered its first 201 again.
  const firstAcceptedAfter = load.done.filter((d, i) => load.status[i] === 201 && load.due[i]! >= killAt.at).reduce((m, d) => Math.min(m, d), Infinity);
  const ready = killAt.role === "web" ? (Number.isFinite(firstAcceptedAfter) ? { at: firstAcceptedAfter } : undefined) : world.topology.ready.find((r) => r.at >= killAt.at);
  const out: KillResult = {
    ...result,
    killed: { role: killAt.role, pid: killAt.pid, atMs: Math.round(killAt.at - load.startedAt) },
    pendingAtKill,
    allPreKillArrivedAfterMs: pendingAtKill ? Math.round(lastPreKill - killAt.at) : 0,
    duplicatesResentAfterKill: resent,
    duplicatesRetriedAfterFailure: retried,
    duplicatesOther: other,
    restartedAfterMs: ready ? Math.round(ready.at - killAt.at) : null,
    ingestFailures: Object.entries(result.failures).reduce((n, [, v]) => n + v, 0),
  };
  log(
    `kill: ${pendingAtKill} deliveries pending at the kill, all arrived ${out.allPreKillArrivedAfterMs} ms after it; lost ${result.lost}; ` +
      `duplicates ${resent} re-sent after the kill + ${retried} retried after a failed attempt + ${other} other; ${killAt.role} back after ${out.restartedAfterMs ?? "?"} ms`,
  );
  return out;
}

type Repeat = { eventId: string; path: string; arrivals: number };

// Every arrival needs an attempt. Recorded attempts explain as many arrivals as there are; a
// delivery's one arrival beyond them is the attempt the killed process had in flight and never
// recorded (at-least-once: the replacement re-sends it, same webhook-id). Among the recorded, a
// failed attempt the receiver nevertheless got (a timeout, a reset) explains a scheduled retry's
// repeat. Anything else would be two sends of one attempt by live processes.
async function explainRepeats(world: World, repeats: Repeat[]) {
  const out = { resent: 0, retried: 0, other: 0 };
  if (!repeats.length) return out;
  const { rows } = await world.sql.query<{ event_id: string; url: string; attempts: number; failed: number }>(
    `SELECT d."eventId" AS event_id, e.url, count(a.id)::int AS attempts, count(a.id) FILTER (WHERE NOT a.success)::int AS failed
       FROM "Delivery" d JOIN "Endpoint" e ON e.id = d."endpointId" LEFT JOIN "DeliveryAttempt" a ON a."deliveryId" = d.id
      WHERE d."eventId" = ANY($1::text[])
      GROUP BY 1, 2`,
    [repeats.map((r) => r.eventId)],
  );
  for (const r of repeats) {
    const rec = rows.find((x) => x.event_id === r.eventId && new URL(x.url).pathname === r.path) ?? { attempts: 0, failed: 0 };
    const unrecorded = Math.max(0, r.arrivals - rec.attempts);
    const resent = Math.min(1, unrecorded);
    const retried = Math.min(r.arrivals - 1 - resent, rec.failed);
    out.resent += resent;
    out.retried += retried;
    out.other += r.arrivals - 1 - resent - retried;
  }
  return out;
}
