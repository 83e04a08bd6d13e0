import { spawnSync } from "node:child_process";
import { createDatabase, dropDatabase } from "@/tests/support/database";
import { ensureTestPostgres } from "@/tests/support/test-postgres";

// End-to-end tests run against the production build (`next build` + `next start`) on a fresh,
// migrated and seeded database; playwright.config.ts starts the server and the receiver.
const server = await ensureTestPostgres();
const db = await createDatabase("waypoint_e2e");
const env = {
  ...process.env,
  DATABASE_URL: db.url,
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
  SECRETS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
  APP_URL: `http://localhost:${process.env.E2E_PORT ?? 3100}`,
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1,localhost",
  // The seed's demo endpoints (a week of history) point at the receiver playwright.config.ts starts.
  DEMO_RECEIVER_URL: `http://127.0.0.1:${process.env.RECEIVER_PORT ?? 4010}`,
  WEBHOOK_REQUIRE_HTTPS: "0",
  WAYPOINT_LOCAL: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  // Real SMTP to the in-process mail catcher playwright.config.ts starts; specs read what arrived.
  SMTP_URL: `smtp://127.0.0.1:${process.env.MAILBOX_SMTP_PORT ?? 2525}`,
  MAIL_FROM: "Waypoint <no-reply@waypoint.test>",
};
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "inherit", env }).status ?? 1;

let status = run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
if (status === 0 && process.env.E2E_SKIP_BUILD !== "1") status = run("npx", ["next", "build"]);
if (status === 0) status = run("npx", ["playwright", "test", ...process.argv.slice(2)]);
await dropDatabase(db.name);
await server.stop();
process.exit(status);
