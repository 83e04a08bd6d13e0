import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { Tx } from "@/lib/db/types";

/**
 * Plain SQL for the hot paths (ingest, the delivery engine's batches). Prisma stays for
 * everything else; here its per-query overhead was half the CPU of an ingest request.
 * `Sql` runs on a pooled pg client, a pg transaction or a Prisma transaction alike, so a
 * caller already inside `db.$transaction` (seeds, tests, support tools) can use the same code.
 */
export type Sql = { query<T>(text: string, params?: unknown[], name?: string): Promise<T[]> };

const globalForPool = globalThis as unknown as { waypointSqlPool?: pg.Pool };

export function sqlPool(): pg.Pool {
  if (!globalForPool.waypointSqlPool) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.SQL_POOL_MAX });
    pool.on("error", (err) => logger.warn({ err }, "sql pool error"));
    globalForPool.waypointSqlPool = pool;
  }
  return globalForPool.waypointSqlPool;
}

// A name makes pg prepare the statement once per connection: Postgres then skips parsing and
// planning it on every request (the hot statements are named; see the callers).
const globalForCounters = globalThis as unknown as { waypointCounterPool?: pg.Pool };

/**
 * A small pool whose commits do not wait for the WAL flush (synchronous_commit off), for
 * counters only (rate limits). Every request of one API key updates the same row; with a
 * flush per commit each update queued behind the previous one's fsync (measured 0.72 ms per
 * hit under load). A crash can forget the last few milliseconds of counts, which a rate limit
 * can afford; events, deliveries and attempts never go through this pool.
 */
export function counterSql(): Sql {
  if (!globalForCounters.waypointCounterPool) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3 });
    pool.on("error", (err) => logger.warn({ err }, "counter pool error"));
    globalForCounters.waypointCounterPool = pool;
  }
  const pool = globalForCounters.waypointCounterPool;
  return {
    query: async <T>(text: string, params?: unknown[], name?: string) => {
      const client = await pool.connect();
      try {
        if (!asyncCommit.has(client)) {
          await client.query("SET synchronous_commit = off");
          asyncCommit.add(client);
        }
        return await sqlOn(client).query<T>(text, params, name);
      } finally {
        client.release();
      }
    },
  };
}
const asyncCommit = new WeakSet<pg.PoolClient>();

export const sqlOn = (client: pg.Pool | pg.PoolClient): Sql => ({
  query: async <T>(text: string, params?: unknown[], name?: string) => (await client.query(name ? { name, text, values: params } : { text, values: params })).rows as T[],
});

/** Adapts a Prisma interactive transaction, so rules written once run inside it too. */
export const sqlInPrisma = (tx: Tx): Sql => ({
  query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params),
});

/** The shared pool, outside any transaction. */
export const sql = (): Sql => sqlOn(sqlPool());

/** BEGIN … COMMIT on one pooled connection; ROLLBACK and rethrow on any error. */
export async function sqlTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(sqlOn(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * For a Postgres unique violation (SQLSTATE 23505), from pg directly or through Prisma: the
 * violated constraint's name ("" when the driver did not say which); null for any other error.
 */
export function uniqueViolationOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { code?: string; constraint?: string; meta?: { code?: string; message?: string }; message?: string };
  const text = `${e.message ?? ""} ${e.meta?.message ?? ""}`;
  if (e.code !== "23505" && e.meta?.code !== "23505" && !/duplicate key value violates unique constraint/.test(text)) return null;
  return e.constraint ?? /unique constraint "([^"]+)"/.exec(text)?.[1] ?? "";
}


/** Either kind of transaction a rule may be handed. */
export const asSql = (tx: Tx | Sql): Sql => ("query" in tx && typeof tx.query === "function" ? (tx as Sql) : sqlInPrisma(tx as Tx));

/** Ends the shared pool (tests and scripts that must exit). */
export async function closeSqlPool() {
  const pools = [globalForPool.waypointSqlPool, globalForCounters.waypointCounterPool];
  globalForPool.waypointSqlPool = globalForCounters.waypointCounterPool = undefined;
  await Promise.all(pools.map((p) => p?.end()));
}
