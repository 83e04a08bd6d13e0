// A newcomer's first run, timed: `npx tsx bench/first-run.ts`. Clones this repository's HEAD into
// a temporary directory, runs `npm install` there (FIRST_RUN_INSTALL="ci" for npm ci), then
// `npm run dev`, and with Debian's Chromium waits for the sign-in page, clicks the first partner
// demo account with endpoints (one click, development only) and waits for the Overview's health
// chart to show deliveries. Prints each phase's seconds; stops everything and removes the clone.
// Ports: FIRST_RUN_PORT (default 3300), and the demo's own ports +1 from their defaults' neighbours.
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const port = Number(process.env.FIRST_RUN_PORT ?? 3300);
const dir = await mkdtemp(path.join(os.tmpdir(), "waypoint-first-run-"));
// A checkout others may enter, like /work or /home/<you>: as root the embedded PostgreSQL runs as
// `postgres`, which a 700 directory would keep out (npm run dev then falls back to PGlite).
await chmod(dir, 0o755);
const appUrl = `http://localhost:${port}`;
const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(1);
const phases: [string, string][] = [];

const t0 = Date.now();
execFileSync("git", ["clone", "--quiet", process.cwd(), dir]);
phases.push(["git clone", seconds(t0)]);

const t1 = Date.now();
execFileSync("npm", [process.env.FIRST_RUN_INSTALL === "ci" ? "ci" : "install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
phases.push([`npm ${process.env.FIRST_RUN_INSTALL === "ci" ? "ci" : "install"}`, seconds(t1)]);

const env = {
  ...process.env,
  PORT: String(port),
  EMBEDDED_DB_PORT: String(port + 20_000),
  DEMO_RECEIVER_PORT: String(port + 1000),
  MAILBOX_SMTP_PORT: String(port - 700),
  MAILBOX_HTTP_PORT: String(port - 650),
};
const t2 = Date.now();
const dev = spawn("npm", ["run", "dev"], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
dev.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
dev.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
try {
  for (;;) {
    if (Date.now() - t2 > 300_000) throw new Error(`npm run dev did not answer within 300 s:\n${output}`);
    if (await fetch(`${appUrl}/login`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  phases.push(["npm run dev → sign-in page answers", seconds(t2)]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${appUrl}/login`, { timeout: 120_000 });
  await page.getByRole("button", { name: /^Sign in as Dev Patel/ }).click({ timeout: 120_000 });
  await page.waitForURL(/\/overview$/, { timeout: 120_000 });
  const chart = page.getByRole("img", { name: /[1-9]\d* delivered and \d+ failed attempts in the last 24 hours/ }).first();
  await chart.waitFor({ timeout: 120_000 });
  phases.push(["npm run dev → signed-in Overview with charts (one click)", seconds(t2)]);
  phases.push(["chart", (await chart.getAttribute("aria-label")) ?? ""]);
  await browser.close();
  const banner = /Waypoint is ready in (\d+) s/.exec(output);
  if (banner) phases.push(["banner says ready in", `${banner[1]} s`]);
  const seed = /Seeded the demo .* in ([\d.]+) s/.exec(output);
  if (seed) phases.push(["seed inside npm run dev", `${seed[1]} s`]);
} catch (err) {
  console.error(`${(err as Error).message}\n--- npm run dev said:\n${output}`);
  process.exitCode = 1;
} finally {
  const signal = (name: NodeJS.Signals) => {
    try {
      if (dev.pid) process.kill(-dev.pid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGINT");
  await new Promise((r) => setTimeout(r, 8_000));
  signal("SIGKILL");
  await rm(dir, { recursive: true, force: true });
}
for (const [phase, value] of phases) console.log(`${phase.padEnd(60)} ${value}${/^\d/.test(value) && !value.endsWith("s") ? " s" : ""}`);
console.log(`total (clone + install + dev to charts)                      ${seconds(t0)} s`);
