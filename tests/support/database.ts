import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { DEFAULT_ADMIN_URL } from "./test-postgres";

// Every test run gets its own database on the real server, created here and dropped after.
// The server: TEST_DATABASE_ADMIN_URL, read at each call because the runner may start an
// embedded one first (tests/support/test-postgres.ts).
export const adminUrl = () => process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL;

export function databaseUrl(name: string) {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(prefix: string, opts: { migrate?: boolean } = {}) {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  if (opts.migrate !== false) await migrate(url);
  return { name, url };
}

export async function dropDatabase(name: string) {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
