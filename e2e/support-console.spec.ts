import { expect, test } from "@playwright/test";
import type { ReceiverMode } from "../lib/receiver/modes";
import { receiver } from "./receiver";
import { fixture, ingest, query, RECEIVER_URL, signIn, USERS } from "./support";

// Story: support staff help any partner — find an order, see failures everywhere, retry them,
// re-enable a disabled endpoint — and the partner sees what support did.
const PARTNER = "Sportsline Retail";
const path = `/support-${Date.now()}`;
const setMode = (mode: ReceiverMode) => receiver.mode(path, mode);

test("support finds an order in any partner, retries every dead-letter, and re-enables a disabled endpoint", async ({ page, baseURL }) => {
  const endpoint = fixture<{ id: string }>("endpoint", { partner: PARTNER, url: `${RECEIVER_URL}${path}`, eventTypes: ["order_confirmed"] });
  fixture("partner-settings", { partner: PARTNER, retrySchedule: [] });
  await setMode({ kind: "status", status: 500 });
  const { id: partnerId } = fixture<{ id: string }>("partner-id", { partner: PARTNER });
  const { key } = fixture<{ key: string }>("ingest-key", { partner: PARTNER });
  const ref = `SUP-${Date.now()}`;
  for (const n of [1, 2]) {
    const res = await ingest(baseURL!, key, "/api/v1/orders", { partner_id: partnerId, merchant_order_ref: `${ref}-${n}`, customer_id: "c", customer_name: "Dev Anand", customer_phone: "+919845001122" });
    expect(res.status).toBe(201);
  }
  await expect.poll(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "endpointId" = $1 AND status = 'dead_lettered'`, [endpoint.id]))[0]!.n).toBe(2);

  await signIn(page, USERS.support);
  await page.goto("/support");
  await page.getByLabel("Search orders across partners").fill(`${ref}-1`);
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("table", { name: "Orders across partners" });
  await expect(results.getByRole("row")).toHaveCount(2);
  await expect(results).toContainText(PARTNER);
  await results.getByRole("button", { name: `Open order ${ref}-1` }).click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  await expect(page.getByRole("combobox", { name: "Partner" })).toContainText(PARTNER);

  await page.goto("/support");
  const deadLetters = page.getByRole("table", { name: "Dead-lettered deliveries" });
  await expect(deadLetters.getByRole("row", { name: new RegExp(path) })).toHaveCount(2);
  await setMode({ kind: "ok" });
  await page.getByRole("button", { name: "Retry all dead-lettered" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: /^Retry \d+$/ }).click();
  await expect(page.getByText(/Retrying \d+ deliveries/)).toBeVisible();
  await expect.poll(async () => (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "endpointId" = $1 AND status = 'delivered'`, [endpoint.id]))[0]!.n).toBe(2);

  // The endpoint gets switched off (as auto-disable would), then support switches it back on.
  await query(`UPDATE "Endpoint" SET enabled = false, "disabledAt" = now(), "disabledReason" = 'Disabled automatically: test' WHERE id = $1`, [endpoint.id]);
  await page.reload();
  const endpoints = page.getByRole("table", { name: "Endpoints across partners" });
  const row = endpoints.getByRole("row", { name: new RegExp(path) });
  await expect(row).toContainText("Disabled automatically: test");
  await row.getByRole("button", { name: "Re-enable" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Re-enable" }).click();
  await expect(row).toContainText("Enabled");

  // The partner sees what support did on its behalf.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, USERS.enterpriseAdmin);
  await page.goto("/settings");
  const audit = page.getByRole("table", { name: /audit/i });
  await expect(audit).toContainText("Enabled endpoint");
  await expect(audit).toContainText("Retried failed deliveries");
  await expect(audit).toContainText("by Waypoint support");
  await query(`DELETE FROM "Endpoint" WHERE id = $1`, [endpoint.id]);
  fixture("partner-settings", { partner: PARTNER, retrySchedule: [30, 120, 480] });
});

test("a partner admin sees a banner while an endpoint is disabled", async ({ page }) => {
  const endpoint = fixture<{ id: string }>("endpoint", { partner: "Kettle & Crumb", url: `${RECEIVER_URL}${path}-banner` });
  await query(`UPDATE "Endpoint" SET enabled = false, "disabledAt" = now(), "disabledReason" = 'Disabled automatically: the last 20 deliveries were all dead-lettered.' WHERE id = $1`, [endpoint.id]);
  await signIn(page, USERS.smbAdmin);
  const banner = page.getByTestId("disabled-endpoints-banner");
  await expect(banner).toContainText("A webhook endpoint is disabled");
  await expect(banner).toContainText("the last 20 deliveries were all dead-lettered");
  await query(`DELETE FROM "Endpoint" WHERE id = $1`, [endpoint.id]);
});
