// Onboarding benchmark: `npm run bench:onboarding`. Plays a new integration lead, in Chromium,
// from the invitation mail (as it arrived over SMTP) to a passed endpoint check, and prints the
// clicks and the wall time. Not a test: it starts what it needs (fresh migrated database, a
// partner created by support with its admin invited, production build, `next start`, the local
// receiver, an SMTP catcher), runs the journey once, prints a report and tears everything down.
//
//   BENCH_PORT (3201), BENCH_RECEIVER_PORT (4201)  ports for the app and the receiver
//   BENCH_REBUILD=1                                 rebuild .next-bench even if it exists
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { existsSync } from "node:fs";
import { chromium, type Locator, type Page } from "@playwright/test";
import { createDatabase, dropDatabase } from "@/tests/support/database";
import { startMailbox, type Mailbox } from "@/lib/mail/mailbox-server";
import { receiverClient } from "../e2e/receiver";

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const RECEIVER_PORT = Number(process.env.BENCH_RECEIVER_PORT ?? 4201);
const BASE = `http://localhost:${PORT}`;
const RECEIVER = `http://127.0.0.1:${RECEIVER_PORT}`;
const receiver = receiverClient(RECEIVER);
const DIST = ".next-bench";
const LEAD = { email: "lead@freshbasket.test", name: "Asha Lead", password: "maple-comet-lantern-58" };
// Same flags as playwright.config.ts: Debian's Chromium, never a downloaded browser.
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// Keystroke-Level Model operators (Card, Moran & Newell): an estimate of a person's time for
// the same steps, since a script clicks faster than anyone. Reading time is a stated guess.
const KLM = { point: 1.1, click: 0.2, mental: 1.35, keystroke: 0.28, home: 0.4, readPage: 20 };

const children: ChildProcess[] = [];
const execFileAsync = promisify(execFile);
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
  /** A click made outside the page (the link in the mail client). */
  countClick() {
    this.current!.clicks += 1;
  }
  async type(locator: Locator, text: string) {
    this.current!.fields += 1;
    this.current!.typed += text.length;
    await locator.fill(text);
  }
}

async function runJourney(page: Page, inviteLink: string) {
  const j = new Journey(page);
  const hooksUrl = `${RECEIVER}/hooks`;
  let secret = "";
  let checkMs = 0;

  const started = performance.now();
  await j.step("Open the invitation link in the mail", async () => {
    j.countClick(); // the click in the mail client
    await page.goto(inviteLink);
    await page.getByRole("heading", { name: /^Join / }).waitFor();
  });
  await j.step("Name and password, create account", async () => {
    await j.type(page.getByLabel("Your name"), LEAD.name);
    await j.type(page.getByLabel("Password", { exact: true }), LEAD.password);
    await j.type(page.getByLabel("Confirm password"), LEAD.password);
    await j.click(page.getByRole("button", { name: "Create account" }));
    await page.waitForURL(/\/overview$/);
  });
  await j.step("Checklist: Add an endpoint (URL; all events, JSON, v2 by default)", async () => {
    await j.click(page.getByRole("link", { name: "Add an endpoint" }));
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
  // The lead pastes the secret into their receiver's config (here: the local receiver, which
  // then verifies signatures and answers 401 to a wrong one, as a correct receiver does).
  await receiver.trust(secret);
  await receiver.mode("/hooks", { kind: "ok" }, { verify: true });
  await j.step("Send test event, see 200", async () => {
    await j.click(page.getByRole("button", { name: "Send test event" }));
    await page.getByTestId("test-status").filter({ hasText: "HTTP 200" }).waitFor();
  });
  await j.step("Run the endpoint check, see it pass", async () => {
    const t0 = performance.now();
    await j.click(page.getByRole("button", { name: "Run endpoint check" }));
    await page.getByText("Endpoint check passed").waitFor();
    checkMs = performance.now() - t0;
  });
  const wallMs = performance.now() - started;

  const received = await receiver.requests();
  const verified = received.filter((r) => r.path === "/hooks" && r.signatureValid === true);
  if (verified.length < 3) throw new Error(`expected the test event and the check's two signed requests verified at /hooks, got ${JSON.stringify(received)}`);
  return { steps: j.steps, wallMs, checkMs, verified: verified.length };
}

function report(result: Awaited<ReturnType<typeof runJourney>>) {
  const { steps, wallMs, checkMs, verified } = result;
  const total = steps.reduce((a, s) => ({ clicks: a.clicks + s.clicks, typed: a.typed + s.typed, fields: a.fields + s.fields }), { clicks: 0, typed: 0, fields: 0 });
  const pages = steps.length;
  const humanS =
    total.clicks * (KLM.point + KLM.click + KLM.mental) + total.fields * (KLM.point + KLM.click + KLM.home) + total.typed * KLM.keystroke + pages * KLM.readPage;
  console.log("\nOnboarding: invitation mail → passed endpoint check (a new partner's first admin)\n");
  console.log(`${"step".padEnd(68)}${"clicks".padStart(7)}${"fields".padStart(7)}${"ms".padStart(8)}`);
  for (const s of steps) console.log(`${s.name.padEnd(68)}${String(s.clicks).padStart(7)}${String(s.fields).padStart(7)}${Math.round(s.ms).toString().padStart(8)}`);
  console.log(`${"total".padEnd(68)}${String(total.clicks).padStart(7)}${String(total.fields).padStart(7)}${Math.round(wallMs).toString().padStart(8)}`);
  console.log(`\nclicks: ${total.clicks} (target ≤ 12)   fields typed: ${total.fields} (${total.typed} characters)`);
  console.log(`scripted wall time: ${(wallMs / 1000).toFixed(1)} s   "Run endpoint check" click → "passed" on screen: ${Math.round(checkMs)} ms`);
  console.log(
    `estimated human time (KLM: ${KLM.point}+${KLM.click}+${KLM.mental} s per click, ${KLM.keystroke} s per keystroke, ${KLM.readPage} s reading per step): ` +
      `${Math.round(humanS)} s (target < 300 s)`,
  );
  console.log(`receiver: ${verified} requests at /hooks verified with the revealed secret (test event, check's signed event and replay); the wrong signature refused\n`);
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
  let mailbox: Mailbox | null = null;
  try {
    mailbox = await startMailbox({ smtpPort: 0, httpPort: 0 });
    env.SMTP_URL = `smtp://127.0.0.1:${mailbox.smtpPort}`;
    env.MAIL_FROM = "Waypoint <no-reply@waypoint.test>";
    log("support creates the partner and invites its first admin (unmeasured)");
    // Asynchronously: the mailbox answering the child's SMTP session runs on this event loop.
    await execFileAsync("npx", ["tsx", "--conditions=react-server", "bench/lib/create-invited-partner.ts", LEAD.email], { env }).catch((err: { stderr?: string }) => {
      throw new Error(`partner setup failed: ${err.stderr ?? String(err)}`);
    });
    // Parsed a moment after the SMTP transaction ends.
    for (let i = 0; i < 40 && !mailbox.messages().some((m) => m.to.includes(LEAD.email)); i++) await new Promise((r) => setTimeout(r, 100));
    const invite = mailbox.messages().find((m) => m.to.includes(LEAD.email));
    const inviteLink = invite?.links.find((l) => l.includes("/invite/"));
    if (!inviteLink) throw new Error(`no invitation mail with a link arrived for ${LEAD.email}`);
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
      report(await runJourney(page, inviteLink));
    } catch (err) {
      await page.screenshot({ path: "/tmp/onboarding-failure.png", fullPage: true }).catch(() => undefined);
      log(`failed at ${page.url()}; screenshot: /tmp/onboarding-failure.png`);
      throw err;
    }
  } finally {
    await browser?.close();
    await mailbox?.stop();
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
