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
  duplicatesResentAfterKill: number;
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
  let resent = 0;
  let other = 0;
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
      for (const later of a.later) {
        if (a.first < killAt.at && later >= killAt.at) resent++;
        else other++;
      }
    }
  });
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
    duplicatesOther: other,
    restartedAfterMs: ready ? Math.round(ready.at - killAt.at) : null,
    ingestFailures: Object.entries(result.failures).reduce((n, [, v]) => n + v, 0),
  };
  log(
    `kill: ${pendingAtKill} deliveries pending at the kill, all arrived ${out.allPreKillArrivedAfterMs} ms after it; lost ${result.lost}; ` +
      `duplicates ${resent} re-sent after the kill + ${other} other; ${killAt.role} back after ${out.restartedAfterMs ?? "?"} ms`,
  );
  return out;
}
