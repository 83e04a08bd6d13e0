import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { formatAttemptsPer, formatShare, formatSlaLatency, SLA_RANGES } from "../lib/sla/targets";
import { insertSlaHistory, rawSla } from "../tests/support/sla-history";
import { signIn, USERS } from "./support";

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("support opens the SLA view and sees, for 24 h, 7 d and 30 d, the figures the test computes from the database", async ({ page }) => {
  test.setTimeout(180_000);
  // A seeded history: a partner with 600 events over 30 days, latencies from 20 ms to 11 min, retries and dead-letters.
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const history = await insertSlaHistory(client, { name: `SLA Check ${Date.now().toString(36)}`, events: 600, seed: 2026 });
    await signIn(page, USERS.support);
    await nav(page).getByRole("link", { name: "SLA" }).click();
    await expect(page.getByRole("heading", { name: "SLA" })).toBeVisible();
    // A new partner's history is rolled up by the monitor loop's next pass (once a minute): wait for it.
    await expect(async () => {
      await page.goto(`/support/sla?range=${SLA_RANGES[SLA_RANGES.length - 1]}`);
      await expect(page.getByTestId(`sla-${history.partnerId}-p50`)).not.toHaveText("—", { timeout: 1_000 });
    }).toPass({ timeout: 90_000, intervals: [2_000] });
    for (const range of SLA_RANGES) {
      await page.goto(`/support/sla?range=${range}`);
      const row = page.getByTestId(`sla-row-${history.partnerId}`);
      await expect(row).toBeVisible();
      // The window the page used (whole hours or days): the test computes over the same one, from the raw rows.
      const from = new Date((await page.locator("time").first().getAttribute("datetime"))!);
      const raw = await rawSla(client, history.partnerId, from);
      expect(raw.delivered, `${range}: the history has deliveries in the window`).toBeGreaterThan(50);
      const settled = raw.delivered + raw.deadInWindow;
      const expected: Record<string, string> = {
        p50: formatSlaLatency(raw.p50),
        p95: formatSlaLatency(raw.p95),
        p99: formatSlaLatency(raw.p99),
        "within-target": formatShare(raw.withinTarget, settled),
        eventual: formatShare(raw.delivered, settled),
        "attempts-per": formatAttemptsPer(raw.attempts, raw.delivered),
        delivered: raw.delivered.toLocaleString("en-IN"),
        "dead-open": raw.deadOpen.toLocaleString("en-IN"),
      };
      for (const [column, value] of Object.entries(expected)) await expect(page.getByTestId(`sla-${history.partnerId}-${column}`), `${range} ${column}`).toHaveText(value);
      // Not a degenerate history: some deliveries missed the 90 s promise, some were dead-lettered.
      expect(raw.withinTarget).toBeLessThan(raw.delivered);
      // The overall figures and the charts are there too.
      await expect(page.getByTestId("sla-p95")).not.toHaveText("—");
      await expect(page.getByRole("img", { name: /Latency percentiles/ })).toBeVisible();
    }
  } finally {
    await client.end();
  }
});

test("an SMB admin's navigation leads with Orders and Tracking & SMS, developer screens behind Connect your own system; an enterprise admin's leads with the developer screens", async ({ page }) => {
  await signIn(page, USERS.smbAdmin);
  const smb = await nav(page).getByRole("link").allInnerTexts();
  expect(smb.slice(0, 2)).toEqual(["Orders", "Tracking & SMS"]);
  expect(smb).not.toContain("Endpoints");
  expect(smb).not.toContain("Event Log");
  expect(smb).toContain("Connect your own system");
  await page.goto("/settings");
  await expect(page.getByText("Partner API keys", { exact: true })).toHaveCount(0);
  await expect(page.getByText("Audit log", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("API keys and retry policy")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, USERS.enterpriseAdmin);
  const enterprise = await nav(page).getByRole("link").allInnerTexts();
  expect(enterprise.slice(0, 4)).toEqual(["Overview", "Endpoints", "Event Log", "Incidents"]);
  expect(enterprise).not.toContain("Connect your own system");
  expect(enterprise.indexOf("Orders")).toBeGreaterThan(enterprise.indexOf("Event Log"));
});
