import { expect, test } from "@playwright/test";
import { fixture, ingest, query, RECEIVER_URL, signIn, USERS } from "./support";

// The screens around the alert rules and support bundles, as people use them. (The rules
// themselves, with real failing endpoints, mail and webhooks: tests/integration/alerts.test.ts.)

test("a partner sees an open incident on every page, acknowledges it, and tunes its alert rules; support sees it in the console", async ({ page }) => {
  // Its own endpoint: other specs clear UrbanKart's endpoints before they run.
  const { id: endpointId } = fixture<{ id: string }>("endpoint", { partner: "UrbanKart", url: `${RECEIVER_URL}/incident-e2e` });
  const [endpoint] = await query<{ id: string; url: string; partnerId: string }>(`SELECT e.id, e.url, e."partnerId" FROM "Endpoint" e WHERE e.id = $1`, [endpointId]);
  const [incident] = await query<{ id: string }>(
    `INSERT INTO "Incident" (id, "partnerId", "endpointId", "endpointUrl", rule, status, "openKey", summary, details, "openedAt", "notifiedAt", "lastNotifiedAt")
     VALUES ('inc_e2e_' || md5(random()::text), $1, $2, $3, 'failure_rate', 'open', 'e2e:' || md5(random()::text), '42 % of 50 delivery attempts failed in the last 15 min (threshold 20 %).', '{}', now(), now(), now())
     RETURNING id`,
    [endpoint!.partnerId, endpoint!.id, endpoint!.url],
  );
  try {
    await signIn(page, USERS.growthAdmin);
    const banner = page.getByTestId("incidents-banner");
    // The monitor loop may have opened a real one too (earlier specs fail UrbanKart's deliveries on purpose).
    await expect(banner).toContainText(/An incident is open|\d+ incidents are open/);
    await expect(banner).toContainText("42 % of 50 delivery attempts failed");
    await banner.getByRole("link", { name: "See incidents" }).click();
    await expect(page).toHaveURL(/\/incidents$/);
    const row = page.getByTestId(`incident-${incident!.id}`);
    await expect(row).toContainText("Failure rate");
    await expect(row).toContainText("Open");
    await row.getByRole("button", { name: "Acknowledge" }).click();
    await expect(row).toContainText("Acknowledged");
    await expect(row).toContainText(`by ${USERS.growthAdmin}`);

    await page.getByRole("link", { name: "Settings → Alerts" }).click();
    await expect(page).toHaveURL(/\/settings\/alerts$/);
    await page.getByLabel("Failed attempts above (%)").fill("30");
    await page.getByLabel("Operational webhook").selectOption(endpoint!.id);
    await page.getByRole("button", { name: "Save alert settings" }).click();
    await expect(page.getByText("Alert settings saved.")).toBeVisible();
    const [settings] = await query<{ overrides: unknown; opsEndpointId: string }>(`SELECT overrides, "opsEndpointId" FROM "AlertSettings" WHERE "partnerId" = $1`, [endpoint!.partnerId]);
    expect(settings).toEqual({ overrides: { failure_rate: { thresholdPercent: 30 } }, opsEndpointId: endpoint!.id });
    await page.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, USERS.support);
    await page.goto("/support");
    const open = page.getByRole("table", { name: "Incidents" });
    await expect(open.getByTestId(`incident-${incident!.id}`)).toContainText("UrbanKart");
    await expect(open.getByTestId(`incident-${incident!.id}`)).toContainText("Acknowledged");
  } finally {
    await query(`DELETE FROM "Incident" WHERE id = $1`, [incident!.id]);
    await query(`DELETE FROM "AlertSettings" WHERE "partnerId" = $1`, [endpoint!.partnerId]);
  }
});

test("a partner copies a support link from an event; support opens it in the console and sees the deliveries, without secrets", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // Its own endpoint and order: other specs clear Sportsline's endpoints before they run.
  fixture("endpoint", { partner: "Sportsline Retail", url: `${RECEIVER_URL}/bundle-e2e` });
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Sportsline Retail" });
  const created = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: `BUNDLE-${Date.now().toString(36)}`, customer_id: "c-bundle", customer_name: "Kavya Rao", customer_phone: "+919811100042" });
  expect(created.status).toBe(201);
  const [event] = await query<{ id: string }>(`SELECT e.id FROM "OrderEvent" e WHERE e."orderId" = $1`, [created.json.order_id]);
  await signIn(page, USERS.enterpriseAdmin);
  await page.goto(`/events/${event!.id}`);
  await page.getByRole("button", { name: "Copy support link" }).click();
  const link = page.getByRole("textbox", { name: "Support link" });
  await expect(link).toHaveValue(/\/support\/bundles\/sb_[\w-]{20,}$/);
  const url = await link.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const [secret] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "SupportBundle" WHERE content::text LIKE '%whsec_%' OR content::text LIKE '%wp_live_%'`);
  expect(secret!.n).toBe(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  // A partner user opening the link gets the page-not-found answer: it is for support.
  await signIn(page, USERS.growthAdmin);
  await page.goto(new URL(url).pathname);
  await expect(page.getByRole("heading", { name: "Support bundle: Sportsline Retail" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  await signIn(page, USERS.support);
  await page.goto(new URL(url).pathname);
  await expect(page.getByRole("heading", { name: "Support bundle: Sportsline Retail" })).toBeVisible();
  const bundle = page.getByTestId("support-bundle");
  await expect(bundle).toContainText(event!.id);
  await expect(bundle.getByRole("table", { name: "Deliveries and attempts" })).toBeVisible();
  await expect(bundle.getByRole("table", { name: "Endpoint settings" })).toBeVisible();
});

test("an SMB admin connects their own system: the developer screens appear in the navigation", async ({ page }) => {
  try {
    await signIn(page, USERS.smbAdmin);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Connect your own system" }).click();
    await page.getByRole("button", { name: "Show the developer screens" }).click();
    await expect(page).toHaveURL(/\/endpoints$/);
    await expect(nav.getByRole("link", { name: "Endpoints" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Connect your own system" })).toHaveCount(0);
  } finally {
    // Other specs sign in as this SMB admin expecting the tier's default navigation.
    await query(`UPDATE "Partner" SET "developerToolsEnabledAt" = NULL WHERE name = 'Kettle & Crumb'`);
  }
});
