// Onboarding benchmark: `npm run bench:onboarding`. Plays a new integration lead, in Chromium,
// from the sign-in page to a verified test delivery, and prints the clicks and the wall time.
// Not a test: it starts what it needs (fresh database, seed, production build, `next start`,
// the local receiver), runs the journey once, prints a report and tears everything down.
//
//   BENCH_PORT (3201), BENCH_RECEIVER_PORT (4201)  ports for the app and the receiver
//   BENCH_REBUILD=1                                 rebuild .next-bench even if it exists
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { chromium, type Locator, type Page } from "@playwright/test";
import { createDatabase, dropDatabase } from "@/tests/support/database";

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const RECEIVER_PORT = Number(process.env.BENCH_RECEIVER_PORT ?? 4201);
const BASE = `http://localhost:${PORT}`;
const RECEIVER = `http://127.0.0.1:${RECEIVER_PORT}`;
const DIST = ".next-bench";
const USER = { email: "lead@urbankart.test", password: "waypoint-demo" }; // seed: UrbanKart's admin
// Same flags as playwright.config.ts: Debian's Chromium, never a downloaded browser.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// Keystroke-Level Model operators (Card, Moran & Newell): an estimate of a person's time for
// the same steps, since a script clicks faster than anyone. Reading time is a stated guess.
const KLM = { point: 1.1, click: 0.2, mental: 1.35, keystroke: 0.28, home: 0.4, readPage: 20 };

const children: ChildProcess[] = [];
const log = (line: string) => console.log(`[bench] ${line}`);

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group, so teardown stops npx and the server it started, and nothing else.
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

async function waitForUrl(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

type Step = { name: string; clicks: number; typed: number; fields: number; ms: number };

/** Times each step of the journey and counts the clicks and keystrokes a person would make. */
class Journey {
  readonly steps: Step[] = [];
  private current: Step | null = null;
  constructor(readonly page: Page) {}
  async step(name: string, run: () => Promise<void>) {
    this.current = { name, clicks: 0, typed: 0, fields: 0, ms: 0 };
    const t0 = performance.now();
    await run();
    this.current.ms = performance.now() - t0;
    this.steps.push(this.current);
  }
  async click(locator: Locator) {
    this.current!.clicks += 1;
    await locator.click();
  }
  async type(locator: Locator, text: string) {
    this.current!.fields += 1;
    this.current!.typed += text.length;
    await locator.fill(text);
  }
}

/** The receiver's control API on a fresh connection each time (a stale keep-alive socket fails). */
function control(path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${RECEIVER}/__receiver/${path}`, { method: body === undefined ? "GET" : "POST", agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function runJourney(page: Page) {
  const j = new Journey(page);
  const hooksUrl = `${RECEIVER}/hooks`;
  let secret = "";
  let sendToResultMs = 0;

  await page.goto(`${BASE}/login`);
  const started = performance.now();
  await j.step("Sign in", async () => {
    await j.type(page.getByLabel("Email"), USER.email);
    await j.type(page.getByLabel("Password"), USER.password);
    await j.click(page.getByRole("button", { name: "Sign in" }));
    await page.waitForURL(/\/overview$/);
  });
  await j.step("Open Endpoints", async () => {
    await j.click(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Endpoints" }));
    // Exact: the Overview has headings and links of its own that mention endpoints.
    await page.waitForURL(/\/endpoints$/);
    await page.getByRole("heading", { name: "Endpoints", exact: true }).waitFor();
  });
  await j.step("Add endpoint (URL; all events, JSON, v2 by default)", async () => {
    await j.click(page.getByRole("link", { name: "Add your first endpoint" }));
    await j.type(page.getByLabel("Endpoint URL"), hooksUrl);
    await j.click(page.getByRole("button", { name: "Create endpoint" }));
    await page.waitForURL(/\/endpoints\/(?!new$)[a-z0-9]+$/);
  });
  await j.step("Reveal and copy the signing secret", async () => {
    await j.click(page.getByRole("button", { name: "Reveal" }));
    const box = page.getByTestId("signing-secret");
    await box.filter({ hasText: /^whsec_[A-Za-z0-9+/]+=*$/ }).waitFor();
    secret = (await box.textContent()) ?? "";
    await j.click(page.getByRole("button", { name: "Copy signing secret" }));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (copied !== secret) throw new Error("the clipboard does not hold the revealed secret");
  });
  // The lead pastes the secret into their receiver's config (here: the local receiver's).
  await control("secrets", { secret });
  await j.step("Send test event, see 200", async () => {
    await page.getByRole("region", { name: "Preview" }).getByLabel("Request body", { exact: true }).waitFor();
    const t0 = performance.now();
    await j.click(page.getByRole("button", { name: "Send test event" }));
    await page.getByTestId("test-status").filter({ hasText: "HTTP 200" }).waitFor();
    sendToResultMs = performance.now() - t0;
  });
  const wallMs = performance.now() - started;

  const received = (await control("requests")) as { path: string; signatureValid: boolean | null }[];
  const arrived = received.filter((r) => r.path === "/hooks");
  if (arrived.length !== 1 || arrived[0]!.signatureValid !== true) throw new Error(`expected one verified delivery at /hooks, got ${JSON.stringify(arrived)}`);
  return { steps: j.steps, wallMs, sendToResultMs };
}

function report(result: Awaited<ReturnType<typeof runJourney>>) {
  const { steps, wallMs, sendToResultMs } = result;
  const total = steps.reduce((a, s) => ({ clicks: a.clicks + s.clicks, typed: a.typed + s.typed, fields: a.fields + s.fields }), { clicks: 0, typed: 0, fields: 0 });
  const pages = steps.length;
  const humanS =
    total.clicks * (KLM.point + KLM.click + KLM.mental) + total.fields * (KLM.point + KLM.click + KLM.home) + total.typed * KLM.keystroke + pages * KLM.readPage;
  console.log("\nOnboarding: sign-in → verified test delivery (UrbanKart admin, empty account)\n");
  console.log(`${"step".padEnd(54)}${"clicks".padStart(7)}${"fields".padStart(7)}${"ms".padStart(8)}`);
  for (const s of steps) console.log(`${s.name.padEnd(54)}${String(s.clicks).padStart(7)}${String(s.fields).padStart(7)}${Math.round(s.ms).toString().padStart(8)}`);
  console.log(`${"total".padEnd(54)}${String(total.clicks).padStart(7)}${String(total.fields).padStart(7)}${Math.round(wallMs).toString().padStart(8)}`);
  console.log(`\nclicks: ${total.clicks} (target ≤ 10)   fields typed: ${total.fields} (${total.typed} characters)`);
  console.log(`scripted wall time: ${(wallMs / 1000).toFixed(1)} s   "Send test event" click → HTTP 200 on screen: ${Math.round(sendToResultMs)} ms`);
  console.log(
    `estimated human time (KLM: ${KLM.point}+${KLM.click}+${KLM.mental} s per click, ${KLM.keystroke} s per keystroke, ${KLM.readPage} s reading per step): ` +
      `${Math.round(humanS)} s (target < 300 s)`,
  );
  console.log("receiver: 1 request at /hooks, signature verified with the revealed secret\n");
}

async function main() {
  const db = await createDatabase("waypoint_bench_onboarding");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
    SECRETS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    APP_URL: BASE,
    WEBHOOK_ALLOW_HOSTS: "127.0.0.1,localhost",
    WEBHOOK_REQUIRE_HTTPS: "0",
    WAYPOINT_LOCAL: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: DIST,
    LOG_LEVEL: "warn",
  };
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    log("seeding a fresh database");
    if (spawnSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { env, stdio: "ignore" }).status !== 0) throw new Error("seed failed");
    if (process.env.BENCH_REBUILD === "1" || !existsSync(`${DIST}/BUILD_ID`)) {
      log(`building into ${DIST} (a few minutes; reused next time)`);
      if (spawnSync("npx", ["next", "build"], { env, stdio: "inherit" }).status !== 0) throw new Error("next build failed");
    }
    log(`starting the app on ${BASE} and the receiver on ${RECEIVER}`);
    start("npx", ["next", "start", "-p", String(PORT)], env);
    start("npx", ["tsx", "scripts/receiver.ts"], { ...env, PORT: String(RECEIVER_PORT) });
    await Promise.all([waitForUrl(`${BASE}/login`, 120_000), waitForUrl(`${RECEIVER}/__receiver/requests`, 60_000)]);

    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
    // One unmeasured visit warms the server (first-request compilation of routes), as a real deployment would be.
    const warm = await context.newPage();
    await warm.goto(`${BASE}/login`);
    await warm.close();
    const page = await context.newPage();
    try {
      report(await runJourney(page));
    } catch (err) {
      await page.screenshot({ path: "/tmp/onboarding-failure.png", fullPage: true }).catch(() => undefined);
      log(`failed at ${page.url()}; screenshot: /tmp/onboarding-failure.png`);
      throw err;
    }
  } finally {
    await browser?.close();
    for (const child of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    }
    await new Promise((r) => setTimeout(r, 500));
    await dropDatabase(db.name);
  }
}

main().catch((err: Error) => {
  console.error(`[bench] failed: ${err.message}`);
  process.exitCode = 1;
});
