// lib/dev owns the demo world of `npm run dev` (development only): receiver, mail catcher, traffic, seeded history.

// The world `npm run dev` brings along (development only; lib/dev/switches.ts decides which
// parts): the demo partners' webhook receiver, a mail catcher the app sends to, and live order
// traffic through the ingest API. scripts/dev.ts starts the parts in order (mail before the seed,
// so its alert mail is caught; the receiver after it, to learn the old secret; traffic once the
// app answers). The demo e2e set-up (scripts/e2e-demo.ts) starts the same parts.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEMO_ENDPOINTS, FLAKY_CYCLE } from "@/lib/dev/demo-endpoints";
import { startTrafficRunner, type TrafficRunner } from "@/lib/dev/traffic-runner";
import type { TrafficPartner } from "@/lib/dev/traffic";
import { startMailbox } from "@/lib/mail/mailbox-server";
import { startReceiver, type Receiver } from "@/lib/receiver/server";

type Log = (line: string) => void;

// Modules that read the app's environment (and open the database) when imported: loaded on first
// use, so the mail catcher can start before that environment is complete.
const app = async () => ({
  db: (await import("@/lib/db/client")).db,
  openSecret: (await import("@/lib/crypto/keyring")).openSecret,
  hashApiKey: (await import("@/lib/crypto/secret-box")).hashApiKey,
  createApiKey: (await import("@/lib/api-keys/create-api-key")).createApiKey,
});

export type DemoMailbox = { smtpUrl: string; webUrl: string; stop(): Promise<void>; shared: boolean };

const inUse = (err: unknown) => (err as NodeJS.ErrnoException).code === "EADDRINUSE";

/** The mail catcher (SMTP + inbox page). A port already taken is taken to be a catcher already running there. */
export async function startDemoMailbox(ports: { smtpPort: number; httpPort: number }, log: Log): Promise<DemoMailbox> {
  const smtpUrl = `smtp://127.0.0.1:${ports.smtpPort}`;
  const webUrl = `http://127.0.0.1:${ports.httpPort}`;
  try {
    const mailbox = await startMailbox(ports);
    return { smtpUrl, webUrl, stop: mailbox.stop, shared: false };
  } catch (err) {
    if (!inUse(err)) throw err;
    log(`mail catcher: port ${ports.smtpPort} or ${ports.httpPort} is in use; sending to whatever listens there (npm run mailbox?)`);
    return { smtpUrl, webUrl, stop: async () => undefined, shared: true };
  }
}

/**
 * The demo partners' receiver: each demo endpoint's path answers as that partner does
 * (lib/dev/demo-endpoints.ts); any other path answers 200. It knows the demo endpoints' signing
 * secrets (so what arrived shows a valid signature), except that the partner which verifies
 * still has only the secret a rotation retired: its answers are 401.
 */
export async function startDemoReceiver(opts: { port: number; flakyCycle?: { upMs: number; downMs: number } }): Promise<Receiver> {
  const receiver = await startReceiver({ port: opts.port });
  for (const demo of DEMO_ENDPOINTS) {
    const mode = demo.mode.kind === "flaky" ? { ...demo.mode, ...(opts.flakyCycle ?? FLAKY_CYCLE) } : demo.mode;
    receiver.setMode(mode, demo.path, demo.checks);
  }
  for (const secret of await demoPartnerSecrets(receiver.url)) receiver.addSecret(secret);
  return receiver;
}

/** The secrets the demo partners hold: the current ones, and for the verifying partner only its retired one. */
async function demoPartnerSecrets(receiverUrl: string): Promise<string[]> {
  const { db, openSecret } = await app();
  const urls = (verify: boolean) => DEMO_ENDPOINTS.filter((d) => Boolean(d.checks?.verify) === verify).map((d) => `${receiverUrl}${d.path}`);
  const rows = await db.endpointSecret.findMany({
    where: {
      OR: [
        { expiresAt: null, endpoint: { url: { in: urls(false) } } },
        { expiresAt: { not: null }, endpoint: { url: { in: urls(true) } } },
      ],
    },
    select: { encryptedSecret: true },
  });
  return rows.map((r) => openSecret(r.encryptedSecret));
}

const TRAFFIC_PARTNERS: Record<string, Omit<TrafficPartner, "id" | "name">> = {
  "Kettle & Crumb": { prefix: "KC", weight: 2 },
  UrbanKart: { prefix: "UK", weight: 3 },
  "Sportsline Retail": { prefix: "SL", weight: 5 },
};

/** The seeded partners the traffic is for (a database without them gets no traffic). */
export async function trafficPartners(): Promise<TrafficPartner[]> {
  const { db } = await app();
  const rows = await db.partner.findMany({ where: { name: { in: Object.keys(TRAFFIC_PARTNERS) } }, select: { id: true, name: true } });
  return rows.map((r) => ({ ...r, ...TRAFFIC_PARTNERS[r.name]! }));
}

/**
 * The traffic generator's ingest key: created once (as support would, in Settings) and kept in
 * the git-ignored data directory, since only its hash is stored. A key revoked or gone (a reset
 * database) is replaced.
 */
export async function ensureTrafficKey(dataDir: string): Promise<string> {
  const { db, hashApiKey, createApiKey } = await app();
  const file = path.join(dataDir, "demo-traffic-key");
  if (existsSync(file)) {
    const key = (await readFile(file, "utf8")).trim();
    const row = await db.apiKey.findUnique({ where: { hash: hashApiKey(key) }, select: { revokedAt: true } });
    if (row && !row.revokedAt) return key;
  }
  const { key } = await createApiKey({ kind: "ingest", name: "Demo traffic generator", partnerId: null });
  await writeFile(file, key, { mode: 0o600 });
  return key;
}

/** Resolves once `url` answers at all (next dev compiles the first page on request). */
export async function waitForApp(url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(60_000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function startDemoTraffic(opts: { appUrl: string; dataDir: string; intervalMs: number; log: Log }): Promise<TrafficRunner | null> {
  const partners = await trafficPartners();
  if (!partners.length) {
    opts.log("demo traffic: none of the demo partners exists in this database; not started");
    return null;
  }
  const ingestKey = await ensureTrafficKey(opts.dataDir);
  return startTrafficRunner({ appUrl: opts.appUrl, ingestKey, partners, intervalMs: opts.intervalMs, log: opts.log });
}

/**
 * next dev compiles each route on its first request: the first Overview a newcomer opens would
 * wait for the dashboard layout, the page and the health API to compile one after another. Asked
 * for here while the sign-in page compiles (answers are 401s and redirects; only the compile
 * matters), the first click lands on compiled routes. Best effort: never throws.
 */
export async function warmRoutes(appUrl: string, groups: readonly (readonly string[])[]): Promise<void> {
  const hit = (route: string) => fetch(`${appUrl}${route}`, { redirect: "manual", signal: AbortSignal.timeout(120_000) }).then((r) => r.arrayBuffer(), () => undefined);
  for (const group of groups) await Promise.all(group.map(hit));
}
