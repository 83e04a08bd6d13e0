import { spawn } from "node:child_process";
import path from "node:path";
import nextEnv from "@next/env";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyDefaults, ensureDevSecrets } from "@/lib/dev/local-env";

// `npm run dev`: works on a fresh clone with nothing configured. Without DATABASE_URL it runs
// an embedded Postgres (PGlite) with its data in .data/pglite, migrates and seeds it.
nextEnv.loadEnvConfig(process.cwd(), true);
const dataDir = path.join(process.cwd(), ".data");
const port = process.env.PORT ?? "3000";

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  const dbPort = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
  embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pglite"), port: dbPort });
  process.env.DATABASE_URL = embedded.url;
  console.log(`▸ Embedded Postgres (PGlite) on 127.0.0.1:${dbPort}, data in .data/pglite`);
}

applyDefaults({
  ...(await ensureDevSecrets(dataDir)),
  APP_URL: `http://localhost:${port}`,
  WEBHOOK_ALLOW_HOSTS: "localhost,127.0.0.1",
  WEBHOOK_REQUIRE_HTTPS: "0",
  NEXT_TELEMETRY_DISABLED: "1",
});

const migrated = await migrate(process.env.DATABASE_URL!);
if (migrated.applied.length) console.log(`▸ Migrations applied: ${migrated.applied.join(", ")}`);

const { seedIfEmpty, DEMO_CREDENTIALS } = await import("@/prisma/seed-data");
const seeded = await seedIfEmpty();
console.log(seeded ? "▸ Seeded demo data" : "▸ Database already has data (not re-seeded)");
console.log("▸ Demo sign-in (password for all: " + DEMO_CREDENTIALS.password + ")");
for (const c of DEMO_CREDENTIALS.users) console.log(`    ${c.role.padEnd(15)} ${c.email}`);

const child = spawn("npx", ["next", "dev", "-p", port], { stdio: "inherit", env: process.env });
const stop = async () => {
  child.kill("SIGTERM");
  await embedded?.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", async (code) => {
  await embedded?.stop();
  process.exit(code ?? 0);
});
