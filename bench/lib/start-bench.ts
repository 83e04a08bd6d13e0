// The start the in-process benchmarks share (bench:event-log, bench:sla, bench:sla-refresh,
// bench:brokers, bench:intake, bench:listen; bench:delivery takes only the environment): the
// environment lib/env.ts validates when first imported (so call this before importing any of
// lib/), plus the bench's own settings; a timestamped log on stderr; and a fresh migrated
// database the app's modules then use.
import { randomBytes } from "node:crypto";

/** The environment every bench's lib/ needs, plus the bench's own settings. */
export function setBenchEnv(env: Record<string, string> = {}) {
  Object.assign(process.env, {
    NODE_ENV: "production",
    AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    APP_URL: "http://localhost:3000",
    DELIVERY_ENGINE: "off",
    LOG_LEVEL: "silent",
    ...env,
  });
}

export async function startBench(databasePrefix: string, env: Record<string, string> = {}) {
  setBenchEnv(env);
  const started = Date.now();
  const log = (msg: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}\n`);
  const { createDatabase, dropDatabase } = await import("@/tests/support/database");
  const database = await createDatabase(databasePrefix);
  process.env.DATABASE_URL = database.url;
  log(`database ${database.name} created and migrated`);
  return { log, database, dropDatabase };
}
