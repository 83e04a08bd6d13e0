// What the phases measure besides arrivals: delivery rows in the database and CPU per process.
import { logDelta } from "../lib/child";
import { loadAverage, machineBusyMs, pidsCpu, pidsDelta } from "../lib/cpu";
import type { ChildStats } from "../lib/protocol";
import { round, waitFor } from "../lib/stats";
import { child, sql } from "./harness";

export type DbDeliveryStats = { total: number; delivered: number; notDelivered: number; attempts: number; failedAttempts: number; firstDeliveredMs: number; lastDeliveredMs: number };

export async function deliveryStats(partnerId: string): Promise<DbDeliveryStats> {
  // deliveredAt is timestamp(3) without zone holding UTC: extract(epoch) reads it as UTC.
  const { rows } = await sql.query<Record<string, string | null>>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE status = 'delivered') AS delivered,
            extract(epoch FROM min("deliveredAt")) * 1000 AS first_ms,
            extract(epoch FROM max("deliveredAt")) * 1000 AS last_ms,
            (SELECT count(*) FROM "DeliveryAttempt" a JOIN "Delivery" x ON x.id = a."deliveryId" WHERE x."partnerId" = $1) AS attempts,
            (SELECT count(*) FROM "DeliveryAttempt" a JOIN "Delivery" x ON x.id = a."deliveryId" WHERE x."partnerId" = $1 AND NOT a.success) AS failed
       FROM "Delivery" WHERE "partnerId" = $1`,
    [partnerId],
  );
  const r = rows[0]!;
  const total = Number(r.total);
  const delivered = Number(r.delivered);
  return { total, delivered, notDelivered: total - delivered, attempts: Number(r.attempts), failedAttempts: Number(r.failed), firstDeliveredMs: Number(r.first_ms), lastDeliveredMs: Number(r.last_ms) };
}

export async function waitDelivered(partnerId: string, expected: number, timeoutMs: number): Promise<DbDeliveryStats> {
  let stats = await deliveryStats(partnerId);
  await waitFor(async () => {
    stats = await deliveryStats(partnerId);
    return stats.delivered >= expected;
  }, timeoutMs, 100);
  return stats;
}

export async function pgCommits(): Promise<number> {
  const { rows } = await sql.query<{ c: string }>(`SELECT xact_commit AS c FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0]?.c ?? 0);
}

export type CpuMark = { wall: number; main: NodeJS.CpuUsage; engineMs: number; pg: Map<number, number>; machine: number; commits: number; engineLog: Map<string, number> };
export type CpuReport = {
  wallMs: number;
  /** % of one core: this process (ingest + receivers), the engine child, our database's backends, everything else on the machine. */
  mainPct: number;
  enginePct: number;
  postgresPct: number;
  othersPct: number;
  loadAverage: number[];
  pgCommitsPerSec: number;
  engineLog: Record<string, number>;
};

export async function ourBackendPids(): Promise<number[]> {
  const { rows } = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  return rows.map((r) => r.pid);
}

export async function cpuMark(): Promise<CpuMark> {
  const stats = child ? await child.call({ cmd: "stats" }) : null;
  return {
    wall: Date.now(),
    main: process.cpuUsage(),
    engineMs: stats?.cpuMs ?? 0,
    pg: await pidsCpu(await ourBackendPids()),
    machine: await machineBusyMs(),
    commits: await pgCommits(),
    engineLog: child?.logSnapshot() ?? new Map(),
  };
}

export async function cpuSince(m: CpuMark): Promise<CpuReport> {
  const now = await cpuMark();
  const wallMs = Math.max(1, now.wall - m.wall);
  const mainUsage = process.cpuUsage(m.main);
  const pct = (ms: number) => (100 * ms) / wallMs; // % of one core
  const mainPct = pct((mainUsage.user + mainUsage.system) / 1000);
  const enginePct = pct(now.engineMs - m.engineMs);
  const postgresPct = pct(pidsDelta(m.pg, now.pg));
  const othersPct = Math.max(0, pct(now.machine - m.machine) - mainPct - enginePct - postgresPct);
  return {
    wallMs,
    mainPct: round(mainPct, 0),
    enginePct: round(enginePct, 0),
    postgresPct: round(postgresPct, 0),
    othersPct: round(othersPct, 0),
    loadAverage: loadAverage(),
    // pg_stat_database is flushed by backends at most once a second: approximate.
    pgCommitsPerSec: round(((now.commits - m.commits) * 1000) / wallMs, 0),
    engineLog: logDelta(m.engineLog, now.engineLog),
  };
}

export async function childStats(): Promise<ChildStats> {
  if (!child) throw new Error("no engine child");
  return child.call({ cmd: "stats" });
}
