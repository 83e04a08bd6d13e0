// `npm run docs:screenshots`: the README's "Getting started" pictures, taken from the running demo
// (`npm run dev` in another terminal; DOCS_APP_URL if it is not on http://localhost:3000), so they
// show what a newcomer sees today. Debian's Chromium through Playwright, as the e2e tests use it.
// Writes docs/screenshots/{overview,event-log,tracking-phone}.png.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/lib/dev/demo-accounts";

const appUrl = (process.env.DOCS_APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const outDir = path.join(process.cwd(), "docs", "screenshots");
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

try {
  await fetch(`${appUrl}/login`, { signal: AbortSignal.timeout(120_000) });
} catch {
  console.error(`Nothing answers at ${appUrl}. Start the demo first (npm run dev), or set DOCS_APP_URL.`);
  process.exit(1);
}
await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args });

async function signIn(page: Page, email: string) {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/overview/, { timeout: 120_000 });
}

const shot = async (page: Page, name: string) => {
  const file = path.join(outDir, `${name}.png`);
  // next dev's own badge in the corner is not part of the product.
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  await page.mouse.move(0, 0); // no chart tooltip where the last click was
  await page.screenshot({ path: file });
  console.log(`✓ ${path.relative(process.cwd(), file)}`);
};

// 1. Overview with health: the enterprise partner, whose slow, flaky and down endpoints draw the charts.
const desk = await browser.newPage({ viewport: { width: 1280, height: 1100 }, deviceScaleFactor: 1 });
await signIn(desk, "integrations@sportsline.test");
await desk.getByRole("img", { name: /delivered and \d+ failed attempts/ }).first().waitFor({ timeout: 60_000 });
await desk.getByRole("heading", { name: "Webhook health" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
await desk.waitForTimeout(1_000); // chart animation
await shot(desk, "overview");

// 2. The Event Log's dead-letters, one opened: every attempt, the error, Retry now.
await desk.goto(`${appUrl}/events?status=dead_lettered&range=7d`);
const row = desk.getByRole("table", { name: "Events" }).getByRole("row").filter({ hasText: "Dead-lettered" }).first();
await row.waitFor({ timeout: 60_000 });
await row.getByRole("link").first().click();
const deadLetter = desk.getByRole("region", { name: /^Delivery to / }).filter({ has: desk.getByRole("button", { name: "Retry now" }) }).first();
await deadLetter.getByRole("table", { name: "Attempt history" }).waitFor({ timeout: 60_000 });
await deadLetter.evaluate((el) => el.scrollIntoView({ block: "center" }));
await shot(desk, "event-log");

// 3. The public tracking page on a phone: a Kettle & Crumb order out for delivery (rider, OTP, ETA).
const merchant = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await signIn(merchant, "owner@kettleandcrumb.test");
await merchant.goto(`${appUrl}/orders?status=out_for_delivery`);
await merchant.getByRole("link", { name: /^KC-/ }).first().click();
const trackingUrl = await merchant.getByRole("textbox", { name: "Tracking link" }).inputValue({ timeout: 60_000 });
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const customer = await phone.newPage();
await customer.goto(trackingUrl);
await customer.getByRole("list", { name: "Order timeline" }).waitFor({ timeout: 60_000 });
await shot(customer, "tracking-phone");

await browser.close();
