import { readdir, readFile } from "node:fs/promises";

// CPU time of the PostgreSQL server processes, read from /proc (Linux only; 0 elsewhere).
// Connections come and go, so a process that exits between two samples loses its time:
// good enough to tell "Postgres is the busy one" from "Node is".

const TICKS_PER_SECOND = 100; // USER_HZ on every mainstream Linux build

async function processCpuMs(pid: string): Promise<{ comm: string; ms: number } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    // After "pid (comm) ": state is field 0, utime is 11, stime is 12.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { comm, ms: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** Per-pid CPU ms of all processes named `postgres`. */
export async function postgresCpu(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    const info = await processCpuMs(pid);
    if (info?.comm === "postgres") out.set(pid, info.ms);
  }
  return out;
}

/** CPU ms the postgres processes used between two snapshots (new backends count from 0). */
export function postgresDelta(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
