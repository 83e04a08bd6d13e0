import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { receiver } from "./receiver";
import { fixture, ingest, query, RECEIVER_URL, signIn, USERS } from "./support";

// The screens around the alert rules and support bundles, as people use them. (The rules
// themselves, with real failing endpoints, mail and webhooks: tests/integration/alerts.test.ts.)

test("a partner sees an open incident on every page, acknowledges it, and tunes its alert rules; support sees it in the console", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  // A real incident: its own endpoint (other specs clear UrbanKart's endpoints before they run)
  // answers 500 to a dozen orders, and the monitor loop (every 30 s) opens a failure-rate incident.
  // (A planted one was resolved by that loop whenever its tick came first: no attempts = clear.)
  await receiver.mode("/incident-e2e", { kind: "status", status: 500 });
  const { id: endpointId } = fixture<{ id: string }>("endpoint", { partner: "UrbanKart", url: `${RECEIVER_URL}/incident-e2e` });
  const [endpoint] = await query<{ id: string; url: string; partnerId: string }>(`SELECT e.id, e.url, e."partnerId" FROM "Endpoint" e WHERE e.id = $1`, [endpointId]);
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "UrbanKart" });
  for (let i = 0; i < 12; i++) {
    const created = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: `INC-${Date.now().toString(36)}-${i}`, customer_id: `c-inc-${i}`, customer_name: "Farah Khan", customer_phone: "+919811100077" });
    expect(created.status).toBe(201);
  }
  let incident: { id: string } | undefined;
  await expect
    .poll(async () => ([incident] = await query<{ id: string }>(`SELECT id FROM "Incident" WHERE "endpointId" = $1 AND rule = 'failure_rate' AND status = 'open'`, [endpointId])).length, { timeout: 75_000, intervals: [1000] })
    .toBe(1);
  try {
    await signIn(page, USERS.growthAdmin);
    const banner = page.getByTestId("incidents-banner");
    // The monitor loop may have opened a real one too (earlier specs fail UrbanKart's deliveries on purpose).
    await expect(banner).toContainText(/An incident is open|\d+ incidents are open/);
    await expect(banner).toContainText(/100 % of \d+ delivery attempts failed/);
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
    await receiver.mode("/incident-e2e", { kind: "ok" });
    await query(`DELETE FROM "AlertSettings" WHERE "partnerId" = $1`, [endpoint!.partnerId]);
    if (incident) await query(`DELETE FROM "Incident" WHERE id = $1`, [incident.id]);
    // Its deliveries would keep failing (and alerting) through later specs.
    await query(`DELETE FROM "Endpoint" WHERE id = $1`, [endpointId]);
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

/** Clicks "Download support bundle" and returns the file the browser saved: its name, its text and where it is. */
async function downloadBundle(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download support bundle" }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(file, "utf8"), file };
}

test("a partner downloads a support bundle for an event and an order: JSON with the deliveries, without secrets; support opens the file in the console", async ({ page, baseURL }) => {
  const run = Date.now().toString(36);
  // Its own endpoint and order: other specs clear Sportsline's endpoints before they run. The URL
  // carries a token in its query, as some receivers want: the bundle must not.
  const url = `${RECEIVER_URL}/bundle-download-${run}?token=tk_${run}`;
  await receiver.mode(`/bundle-download-${run}`, { kind: "ok" });
  const endpoint = fixture<{ id: string; secret: string }>("endpoint", { partner: "Sportsline Retail", url, eventTypes: ["order_confirmed", "out_for_delivery"] });
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Sportsline Retail" });
  const ref = `BUNDLE-DL-${run}`;
  const created = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: ref, customer_id: "c-bundle", customer_name: "Kavya Rao", customer_phone: "+919811100042" });
  expect(created.status).toBe(201);
  const orderId = created.json.order_id as string;
  const ofd = await ingest(baseURL!, key, `/api/v1/orders/${orderId}/events`, { event: "out_for_delivery", rider: { name: "Rajesh", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } });
  expect(ofd.status).toBe(201);
  const [event] = await query<{ id: string }>(`SELECT id FROM "OrderEvent" WHERE "orderId" = $1 AND type = 'order_confirmed'`, [orderId]);
  // Delivered first, so the bundle has an attempt to show.
  await expect
    .poll(async () => (await query<{ status: string }>(`SELECT status::text FROM "Delivery" WHERE "eventId" = $1 AND "endpointId" = $2`, [event!.id, endpoint.id]))[0]?.status, { timeout: 30_000 })
    .toBe("delivered");

  try {
    await signIn(page, USERS.enterpriseAdmin);
    await page.goto(`/events/${event!.id}`);
    const fromEvent = await downloadBundle(page);
    expect(fromEvent.name).toMatch(/^waypoint-support-event-sb_[\w-]{5}\.json$/);
    const bundle = JSON.parse(fromEvent.text) as {
      kind: string;
      target_id: string;
      partner: { name: string };
      event: { id: string; type: string; deliveries: { endpoint_id: string; status: string; attempts: { success: boolean; status_code: number | null }[] }[] };
      endpoints: { id: string; url: string }[];
    };
    expect(bundle).toMatchObject({ kind: "event", target_id: event!.id, partner: { name: "Sportsline Retail" }, event: { id: event!.id, type: "order_confirmed" } });
    const delivery = bundle.event.deliveries.find((d) => d.endpoint_id === endpoint.id);
    expect(delivery).toMatchObject({ status: "delivered", attempts: [expect.objectContaining({ success: true, status_code: 200 })] });
    expect(bundle.endpoints.find((e) => e.id === endpoint.id)?.url).toBe(`${RECEIVER_URL}/bundle-download-${run}?token=[redacted]`);
    // No signing secret (this endpoint's or any), no API key, no query token.
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(fromEvent.text).not.toContain(endpoint.secret);
    expect(fromEvent.text).not.toContain(endpoint.secret.slice("whsec_".length));
    expect(fromEvent.text).not.toMatch(/whsec_|wp_live_|wp_ingest_/);
    expect(fromEvent.text).not.toContain(key);
    expect(fromEvent.text).not.toContain(`tk_${run}`);
    // The support link for the same snapshot shows too.
    await expect(page.getByRole("textbox", { name: "Support link" })).toHaveValue(/\/support\/bundles\/sb_[\w-]{20,}$/);

    await page.goto(`/orders/${orderId}`);
    const fromOrder = await downloadBundle(page);
    expect(fromOrder.name).toMatch(/^waypoint-support-order-sb_[\w-]{5}\.json$/);
    const orderBundle = JSON.parse(fromOrder.text) as { kind: string; target_id: string; order: { merchant_order_ref: string; customer_phone: string; events: { id: string; type: string; payload: { delivery: { otp: string | null } } }[] } };
    expect(orderBundle).toMatchObject({ kind: "order", target_id: orderId, order: { merchant_order_ref: ref } });
    expect(orderBundle.order.events.map((e) => e.type).sort()).toEqual(["order_confirmed", "out_for_delivery"]);
    // The rider's one-time delivery code is not for support's eyes.
    expect(orderBundle.order.events.find((e) => e.type === "out_for_delivery")!.payload.delivery.otp).toBe("[redacted]");
    expect(fromOrder.text).not.toContain('"otp": "4821"');
    expect(orderBundle.order.customer_phone).toMatch(/^x+042$/);
    expect(fromOrder.text).not.toContain("+919811100042");
    expect(fromOrder.text).not.toMatch(/whsec_|wp_live_|wp_ingest_/);
    await page.getByRole("button", { name: "Sign out" }).click();

    // Support opens the attached file in the console (no link needed), and a file that is not a bundle is refused in words.
    await signIn(page, USERS.support);
    await page.goto("/support/bundles");
    const fileInput = page.getByLabel("Or a bundle file");
    await fileInput.setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ hello: "world" })) });
    await expect(page.getByText(/^Not a Waypoint support bundle: /)).toBeVisible();
    await fileInput.setInputFiles({ name: "ticket.txt", mimeType: "application/json", buffer: Buffer.from("this is not json") });
    await expect(page.getByText("Not a Waypoint support bundle: the file is not JSON.")).toBeVisible();
    await fileInput.setInputFiles(fromEvent.file);
    const view = page.getByTestId("support-bundle");
    await expect(view).toContainText("Sportsline Retail");
    await expect(view).toContainText(`event ${event!.id}`);
    const deliveries = view.getByRole("table", { name: "Deliveries and attempts" });
    await expect(deliveries.getByRole("row", { name: new RegExp(`bundle-download-${run}`) })).toContainText(/ok 200/);
    await expect(view.getByRole("table", { name: "Endpoint settings" })).toContainText(`bundle-download-${run}?token=[redacted]`);
    await expect(page.getByText(/^Not a Waypoint support bundle/)).toHaveCount(0);
  } finally {
    await query(`DELETE FROM "Endpoint" WHERE id = $1`, [endpoint.id]);
  }
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
