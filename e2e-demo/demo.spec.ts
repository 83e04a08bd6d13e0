import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../lib/dev/demo-accounts";
import { MAILBOX_URL, type CaughtMail } from "../e2e/mailbox";
import { query, RECEIVER_URL, USERS } from "../e2e/support";

// The first run a newcomer gets from `npm run dev`, on the production build with the same seed and
// the same demo world (scripts/e2e-demo.ts): every role signs in with one click and finds data,
// the flaky partner's dead-letter is retried once it has recovered, the SMB merchant's SMS
// outbox is full, a live order's tracking page moves by itself, and the alert mail is caught.

async function oneClickSignIn(page: Page, email: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email)!;
  await page.goto("/login");
  const list = page.getByRole("region", { name: "Demo accounts" });
  await list.getByRole("button", { name: `Sign in as ${account.name}, ${account.label}` }).click();
  await expect(page).toHaveURL(/\/overview$/);
}

/** The overall chart's accessible name: "N delivered and M failed attempts in the last 24 hours". */
async function chartFigures(page: Page) {
  const chart = page.getByRole("img", { name: /\d+ delivered and \d+ failed attempts in the last 24 hours/ }).first();
  await expect(chart).toBeVisible();
  const [, delivered, failed] = /(\d+) delivered and (\d+) failed/.exec((await chart.getAttribute("aria-label")) ?? "")!;
  return { delivered: Number(delivered), failed: Number(failed) };
}

test("every demo account signs in with one click and lands on an Overview with data", async ({ page }) => {
  for (const account of DEMO_ACCOUNTS) {
    await oneClickSignIn(page, account.email);
    const counts = await Promise.all(
      ["confirmed", "out_for_delivery", "delivered", "delivery_failed", "return_initiated"].map(async (s) => Number(await page.getByTestId(`count-${s}`).innerText())),
    );
    expect(counts.reduce((a, b) => a + b), account.email).toBeGreaterThan(50);
    if (account.partner === "UrbanKart" || account.partner === "Sportsline Retail") {
      // Health charts drawn from a week of deliveries: successes and failures both.
      const figures = await chartFigures(page);
      expect(figures.delivered, account.email).toBeGreaterThan(20);
      expect(figures.failed, account.email).toBeGreaterThan(0);
      await expect(page.getByTestId("health-success-rate")).toHaveText(/^\d+(\.\d)?%$/);
    }
    if (account.role === "support") {
      await page.goto("/support");
      await expect(page.getByRole("table", { name: "Dead-lettered deliveries" }).getByRole("row", { name: /demo\/sportsline\/crm/ }).first()).toBeVisible();
    }
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
  }
});

type Mode = { path: string; answering: { status: number | null; until?: string } };
const crmAnswer = async () => ((await (await fetch(`${RECEIVER_URL}/__receiver/modes`)).json()) as Mode[]).find((m) => m.path === "/demo/sportsline/crm")!.answering;

test("a dead-letter on the flaky CRM is retried by hand once the CRM has recovered, and is delivered", async ({ page }) => {
  await oneClickSignIn(page, USERS.enterpriseAdmin);
  await page.goto("/events?status=dead_lettered&range=7d");
  const row = page.getByRole("table", { name: "Events" }).getByRole("row").filter({ hasText: /CRM customer timeline\W*Dead-lettered/ }).first();
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/events\/evt_/);
  const delivery = page.getByRole("region", { name: "Delivery to CRM customer timeline" });
  await expect(delivery.getByTestId("last-error")).toHaveText("Endpoint answered 500 Internal Server Error");
  const history = delivery.getByRole("table", { name: "Attempt history" });
  await expect(history.getByRole("row").filter({ hasText: "Automatic" })).toHaveCount(4);

  // The CRM has outages (500s) and recovers: wait until it is up with a few seconds to spare.
  await expect
    .poll(async () => {
      const answer = await crmAnswer();
      return answer.status === 200 && Date.parse(answer.until!) - Date.now() > 4_000;
    }, { timeout: 30_000, intervals: [500] })
    .toBe(true);
  await delivery.getByRole("button", { name: "Retry now" }).click();
  await expect(delivery.getByRole("status")).toHaveText(/^Retry result: Delivered \(HTTP 200 in \d+ ms\)\.$/);
  await expect(history.getByRole("row").filter({ hasText: `Manual retry by Dev Patel (${USERS.enterpriseAdmin})` })).toHaveCount(1);
});

test("the SMB merchant's SMS outbox holds the week's texts, sent", async ({ page }) => {
  await oneClickSignIn(page, USERS.smbAdmin);
  await page.goto("/tracking");
  const outbox = page.getByRole("table", { name: "SMS outbox" });
  await expect(outbox.getByRole("row").filter({ hasText: "Sent" }).first()).toBeVisible();
  expect(await outbox.getByRole("row").filter({ hasText: "Sent" }).count()).toBeGreaterThan(10);
  await expect(outbox).toContainText("Kettle & Crumb");
});

test("a live order's public tracking page moves on by itself as the demo traffic moves the order", async ({ browser }) => {
  // An order the traffic generator created and has not finished with (Kettle & Crumb has tracking on).
  let order: { trackingToken: string; status: string } | undefined;
  await expect
    .poll(async () => {
      [order] = await query<{ trackingToken: string; status: string }>(
        `SELECT o."trackingToken", o.status::text AS status FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId"
          WHERE p.name = 'Kettle & Crumb' AND o."merchantOrderRef" LIKE 'KC-LIVE-%' AND o.status IN ('confirmed', 'out_for_delivery')
          ORDER BY o."createdAt" DESC LIMIT 1`,
      );
      return order !== undefined;
    }, { timeout: 60_000, intervals: [1_000] })
    .toBe(true);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(`/t/${order!.trackingToken}`);
  const timeline = phone.getByRole("list", { name: "Order timeline" });
  await expect(timeline.getByRole("listitem").first()).toBeVisible();
  const before = await timeline.innerText();
  await phone.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
  // The next status change arrives within a few traffic ticks; the page shows it without a reload.
  await expect.poll(() => timeline.innerText(), { timeout: 45_000, intervals: [500] }).not.toBe(before);
  expect(await phone.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  await context.close();
});

test("the alert mail for the auto-disabled endpoint is in the mail catcher, readable in the browser", async ({ page }) => {
  // The monitor loop may have mailed newer alerts to the same admin since: look for this one among them.
  const subject = `Waypoint disabled your webhook endpoint ${RECEIVER_URL}/demo/sportsline/legacy-erp`;
  let mail: CaughtMail | undefined;
  await expect
    .poll(async () => {
      const all = (await (await fetch(`${MAILBOX_URL}/api/messages`)).json()) as CaughtMail[];
      mail = all.find((m) => m.to.includes(USERS.enterpriseAdmin) && m.subject === subject);
      return Boolean(mail);
    }, { message: `"${subject}" in the mail catcher`, timeout: 10_000 })
    .toBe(true);
  if (!mail) throw new Error("unreachable");
  expect(mail.text).toContain("the last 20 deliveries were all dead-lettered");
  await page.goto(MAILBOX_URL);
  await expect(page.getByText(mail.subject).first()).toBeVisible();
  // And the endpoint it speaks of is disabled in the dashboard, with the banner saying why.
  const [endpoint] = await query<{ enabled: boolean }>(`SELECT enabled FROM "Endpoint" WHERE url = $1`, [`${RECEIVER_URL}/demo/sportsline/legacy-erp`]);
  expect(endpoint!.enabled).toBe(false);
  await oneClickSignIn(page, USERS.enterpriseAdmin);
  await expect(page.getByTestId("disabled-endpoints-banner")).toContainText("the last 20 deliveries were all dead-lettered");
});
