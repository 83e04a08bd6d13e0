import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startDemoMailbox, startDemoReceiver, startDemoTraffic, waitForApp } from "@/lib/dev/world";
import { createDatabase, dropDatabase } from "@/tests/support/database";
import { ensureTestPostgres } from "@/tests/support/test-postgres";

// `npm run test:e2e:demo`: the demo `npm run dev` sets up, on the production build: the same seed
// (a week of history), the same mail catcher (started before the seed, which mails an alert), the
// same demo receiver and the same traffic generator (lib/dev/world.ts), with the sign-in page's
// demo list asked for explicitly (DEMO_SIGN_IN=1, allowed on a local build only). The flaky
// endpoint's cycle and the traffic's pace are shortened so the specs (e2e-demo/) need not wait.
const port = Number(process.env.E2E_PORT ?? 3100);
const receiverPort = Number(process.env.RECEIVER_PORT ?? 4010);
const mailPorts = { smtpPort: Number(process.env.MAILBOX_SMTP_PORT ?? 2525), httpPort: Number(process.env.MAILBOX_HTTP_PORT ?? 2580) };
const appUrl = `http://localhost:${port}`;
const server = await ensureTestPostgres();
const db = await createDatabase("waypoint_e2e_demo");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "waypoint-demo-e2e-"));
const log = (line: string) => console.log(`▸ ${line}`);

const mailbox = await startDemoMailbox(mailPorts, log);
Object.assign(process.env, {
  DATABASE_URL: db.url,
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
  SECRETS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
  APP_URL: appUrl,
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1,localhost",
  WEBHOOK_REQUIRE_HTTPS: "0",
  WAYPOINT_LOCAL: "1",
  DEMO_SIGN_IN: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
  SMTP_URL: mailbox.smtpUrl,
  MAIL_FROM: "Waypoint <no-reply@waypoint.test>",
  DEMO_RECEIVER_URL: `http://127.0.0.1:${receiverPort}`,
  // For the specs: where the demo parts listen.
  RECEIVER_PORT: String(receiverPort),
  MAILBOX_HTTP_PORT: String(mailPorts.httpPort),
});
// Never spawnSync: the mail catcher, the receiver and the traffic run in this process and must
// keep answering while the seed, the build and Playwright run.
const run = (cmd: string, args: string[]) =>
  new Promise<number>((resolve) => spawn(cmd, args, { stdio: "inherit", env: process.env }).on("exit", (code) => resolve(code ?? 1)));

let app: ChildProcess | null = null;
let status = await run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
if (status === 0 && process.env.E2E_SKIP_BUILD !== "1") status = await run("npx", ["next", "build"]);
const stops: (() => Promise<unknown>)[] = [mailbox.stop];
if (status === 0) {
  // Own process group, so stopping it takes npx and the server it started.
  app = spawn("npx", ["next", "start", "-p", String(port)], { stdio: ["ignore", "inherit", "inherit"], env: process.env, detached: true });
  await waitForApp(`${appUrl}/login`, 120_000);
  const receiver = await startDemoReceiver({ port: receiverPort, flakyCycle: { upMs: 20_000, downMs: 8_000 } });
  stops.unshift(receiver.close);
  const traffic = await startDemoTraffic({ appUrl, dataDir, intervalMs: 1_500, log });
  if (traffic) stops.unshift(traffic.stop);
  status = await run("npx", ["playwright", "test", "--config", "playwright.demo.config.ts", ...process.argv.slice(2)]);
}
for (const stop of stops) await stop().catch(() => undefined);
if (app?.pid) process.kill(-app.pid, "SIGTERM");
await new Promise((r) => setTimeout(r, 500));
const { db: prisma } = await import("@/lib/db/client");
const { closeSqlPool } = await import("@/lib/db/sql");
await Promise.all([prisma.$disconnect(), closeSqlPool()]);
await dropDatabase(db.name);
await server.stop();
await rm(dataDir, { recursive: true, force: true });
process.exit(status);
