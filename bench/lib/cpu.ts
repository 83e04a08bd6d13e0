import { readFile } from "node:fs/promises";
import os from "node:os";

// CPU accounting from /proc (Linux; zeros elsewhere). The machine may be shared (other test runs,
// dev servers, other databases on the same PostgreSQL), so each phase reports the CPU of our own
// processes and what everything else took meanwhile: a busy neighbour makes numbers unreliable.

const TICKS_PER_SECOND = 100; // USER_HZ on every mainstream Linux build

/** CPU ms (user + system) of one process, or null when it is gone or unreadable. */
export async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state is field 0, utime is 11, stime is 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Per-pid CPU ms of the given processes (e.g. our database's backends). */
export async function pidsCpu(pids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = await processCpuMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

/** CPU ms used between two snapshots; a pid first seen in `after` counts from 0. */
export function pidsDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Busy CPU ms of the whole machine (all cores, everything but idle and iowait). */
export async function machineBusyMs(): Promise<number> {
  try {
    const line = (await readFile("/proc/stat", "utf8")).split("\n")[0] ?? "";
    const [, ...values] = line.trim().split(/\s+/);
    const n = values.map(Number);
    const total = n.slice(0, 8).reduce((s, v) => s + v, 0); // user..steal; guest is inside user
    const idle = (n[3] ?? 0) + (n[4] ?? 0);
    return ((total - idle) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export const loadAverage = () => os.loadavg().map((v) => Number(v.toFixed(2)));
