import { expect, test } from "@playwright/test";
import { fixture, ingest, orderOf, query, signIn, USERS } from "./support";

// The Orders page: the merchant's answer to a customer calling "where is my order?".

test("finds an order by the last digits of the customer's phone and shows its timeline, SMS and tracking link", async ({ page, baseURL }) => {
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Kettle & Crumb" });
  const ref = `CALL-${Date.now().toString(36)}`;
  const created = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: ref, customer_id: "c-call", customer_name: "Rohan Gupta", customer_phone: "+919811162048" });
  expect(created.status).toBe(201);
  const orderId = created.json.order_id as string;
  const ofd = await ingest(baseURL!, key, `/api/v1/orders/${orderId}/events`, {
    event: "out_for_delivery",
    rider: { name: "Anita Desai", phone: "+919812345678" },
    otp: "7312",
    eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" },
  });
  expect(ofd.status).toBe(201);

  await signIn(page, USERS.smbAdmin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("table", { name: "Orders" })).toBeVisible();
  await page.getByLabel("Search orders").fill("62048");
  await expect(page).toHaveURL(/[?&]q=62048/);
  const rows = page.getByRole("table", { name: "Orders" }).getByRole("row");
  await expect(rows).toHaveCount(2); // header + the one order
  await expect(rows.nth(1)).toContainText(ref);
  await expect(rows.nth(1)).toContainText("+91 98xxx xx048");
  await expect(rows.nth(1)).toContainText("Out for delivery");

  // The search survives a reload: it lives in the URL.
  await page.reload();
  await expect(page.getByLabel("Search orders")).toHaveValue("62048");
  await expect(page.getByRole("link", { name: ref })).toBeVisible();

  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ref}` })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Order timeline" });
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expect(timeline).toContainText("With Anita Desai");
  const sms = page.getByRole("list", { name: "SMS messages" }).getByRole("listitem");
  await expect(sms).toHaveCount(2);
  await expect(sms.filter({ hasText: "Out for delivery" })).toContainText("7312");
  await expect(page.getByRole("heading", { name: "No webhooks for this order" })).toBeVisible();
  const [row] = await query<{ trackingToken: string }>(`SELECT "trackingToken" FROM "Order" WHERE id = $1`, [orderId]);
  await expect(page.getByRole("textbox", { name: "Tracking link" })).toHaveValue(`${baseURL}/t/${row!.trackingToken}`);
});

test("filters by status and finds by tracking link; another partner's order is a 404", async ({ page }) => {
  await signIn(page, USERS.growthAdmin);
  await page.goto("/orders?status=delivery_failed");
  const table = page.getByRole("table", { name: "Orders" });
  await expect(table).toBeVisible();
  const statuses = await table.getByRole("row").locator("td:nth-child(4)").allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["Delivery failed"]));

  const [one] = await query<{ trackingToken: string; merchantOrderRef: string }>(
    `SELECT o."trackingToken", o."merchantOrderRef" FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId" WHERE p.name = 'UrbanKart' LIMIT 1`,
  );
  await page.goto("/orders");
  await page.getByLabel("Search orders").fill(`https://track.example/t/${one!.trackingToken}`);
  await expect(page.getByRole("link", { name: one!.merchantOrderRef })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  const theirs = await orderOf("Sportsline Retail");
  const response = await page.goto(`/orders/${theirs}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Sportsline")).toHaveCount(0);
});
