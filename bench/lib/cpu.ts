import { readdir, readFile } from "node:fs/promises";
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

/**
 * CPU ms of the whole PostgreSQL server on this machine: every process of each postmaster (its
 * backends, WAL writer, checkpointer …) plus what its exited children used (the postmaster's
 * cutime/cstime). A database's own backends miss both the WAL writer, which flushes the commits
 * that do not wait (synchronous_commit off), and any backend that exits mid-window (a pool's idle
 * timeout): bench:http's "postgres" moved by ±15 % of a core between runs at the same rate.
 * The server may hold other databases; the bench box is meant to be quiet.
 */
export async function postgresServerCpuMs(): Promise<number | null> {
  try {
    const procs: { pid: number; ppid: number; ms: number; childrenMs: number }[] = [];
    for (const entry of await readdir("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
      if (!stat.includes("(postgres)")) continue;
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After "pid (comm) ": ppid is field 1, utime 11, stime 12, cutime 13, cstime 14.
      procs.push({ pid: Number(entry), ppid: Number(f[1]), ms: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND, childrenMs: ((Number(f[13]) + Number(f[14])) * 1000) / TICKS_PER_SECOND });
    }
    if (procs.length === 0) return null;
    const pids = new Set(procs.map((p) => p.pid));
    const postmasters = new Set(procs.filter((p) => !pids.has(p.ppid)).map((p) => p.pid));
    return procs.reduce((sum, p) => sum + p.ms + (postmasters.has(p.pid) ? p.childrenMs : 0), 0);
  } catch {
    return null;
  }
}
