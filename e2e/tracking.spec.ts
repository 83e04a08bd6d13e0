import { expect, test, type Browser, type Page } from "@playwright/test";
import { fixture, ingest, query, signIn, USERS } from "./support";

// Layer 1 end to end: a merchant with no engineers edits an SMS template, the OMS pushes an
// order through every status, the customer's tracking page follows live, and the SMS outbox
// shows what the customer received. Kettle & Crumb has tracking and SMS on in the seed.

const ETA = { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" };
const RIDER = { name: "Rajesh Kumar", phone: "+919876543214" };
const OFD_TEMPLATE = "Hi {{customer_name}}, {{rider_name}} ({{rider_phone}}) brings {{order_ref}} {{eta_window}}. OTP {{otp}}. {{tracking_link}}";

/** The customer: a phone-sized browser with no session. */
async function customerPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  return context.newPage();
}

async function createOrder(baseURL: string, key: string, phone: string) {
  const ref = `E2E-${Date.now().toString(36)}`;
  const res = await ingest(baseURL, key, "/api/v1/orders", { merchant_order_ref: ref, customer_id: `cust-${ref}`, customer_name: "Meera Nair", customer_phone: phone });
  expect(res.status).toBe(201);
  return { ref, id: res.json.order_id as string, trackingUrl: res.json.tracking_url as string };
}

const statusHeading = (page: Page, name: string) => page.getByRole("heading", { level: 2, name, exact: true });

test("template edit, then an order through every status: the tracking page follows live and the outbox fills", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, USERS.smbAdmin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tracking & SMS" }).click();
  await expect(page.getByRole("switch", { name: "Public tracking page" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "SMS to customers" })).toBeChecked();

  // An unknown placeholder is flagged as it is typed, and cannot be saved.
  await page.getByRole("tab", { name: "Out for delivery" }).click();
  const template = page.getByLabel("SMS for Out for delivery");
  await template.fill("Hi {{frist_name}}, OTP {{otp}}");
  await expect(page.getByText("{{frist_name}} is not a placeholder.")).toBeVisible();
  await expect(template).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Save template" })).toBeDisabled();

  // A good one previews with sample data, GSM-7, and saves.
  await template.fill(OFD_TEMPLATE);
  await expect(page.getByTestId("template-problem")).toHaveCount(0);
  const preview = page.getByTestId("sms-preview");
  await expect(preview).toContainText("Hi Diya Iyer, Rajesh Kumar (+91 98xxx xx214) brings ORD-4820193");
  await expect(preview).toContainText("OTP 8821.");
  await expect(page.getByTestId("sms-count")).toContainText("(GSM-7)");
  await template.pressSequentially(" ₹");
  await expect(page.getByTestId("sms-ucs2")).toContainText('"₹"');
  await template.fill(OFD_TEMPLATE);
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByText("Out for delivery template saved")).toBeVisible();

  // The OMS creates an order; the customer opens the tracking link on their phone.
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Kettle & Crumb" });
  const order = await createOrder(baseURL!, key, "+919812317731");
  const tracking = await customerPage(browser);
  const response = await tracking.goto(order.trackingUrl);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(tracking.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(tracking.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(tracking.getByText("Kettle & Crumb")).toBeVisible();
  await expect(tracking.getByRole("heading", { level: 1, name: `Order ${order.ref}` })).toBeVisible();
  await expect(statusHeading(tracking, "Confirmed")).toBeVisible();
  // Set once: if the page reloaded at any step, this would be gone.
  await tracking.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  const push = async (body: Record<string, unknown>) => {
    const res = await ingest(baseURL!, key, `/api/v1/orders/${order.id}/events`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { event_id: string };
  };

  const ofd = await push({ event: "out_for_delivery", rider: RIDER, otp: "4821", eta_window: ETA });
  // The OTP SMS must go out within seconds: watched from the test, and measured in the database
  // from the event's transaction to "sent" by the app's own SMS engine.
  const pushedAt = Date.now();
  await expect
    .poll(async () => (await query<{ status: string }>(`SELECT status FROM "SmsMessage" WHERE "eventId" = $1`, [ofd.event_id]))[0]?.status, { timeout: 10_000, intervals: [25] })
    .toBe("sent");
  const [latency] = await query<{ ms: number }>(
    `SELECT (EXTRACT(EPOCH FROM (s."sentAt" - e."createdAt")) * 1000)::int AS ms FROM "SmsMessage" s JOIN "OrderEvent" e ON e.id = s."eventId" WHERE e.id = $1`,
    [ofd.event_id],
  );
  console.log(`out_for_delivery -> OTP SMS sent: ${latency!.ms} ms in the database (event transaction to sentAt); seen by the test ${Date.now() - pushedAt} ms after the API answered`);
  expect(latency!.ms).toBeLessThan(5_000);
  await expect(statusHeading(tracking, "Out for delivery")).toBeVisible();
  await expect(tracking.getByTestId("delivery-otp")).toHaveText("4821");
  await expect(tracking.getByText("Rajesh Kumar", { exact: true })).toBeVisible();
  await expect(tracking.getByText("+91 98xxx xx214")).toBeVisible();
  await expect(tracking.getByTestId("status-summary")).toHaveText("Arriving Fri, 1 May, 2:00 pm - 3:00 pm");

  await push({ event: "delivery_failed", reason_code: "customer_unavailable", rescheduled_for: "2026-05-02T10:00:00+05:30" });
  await expect(statusHeading(tracking, "Delivery failed")).toBeVisible();
  await expect(tracking.getByTestId("status-summary")).toHaveText("Customer was not available. Next attempt Sat, 2 May, 10:00 am");
  await expect(tracking.getByTestId("delivery-otp")).toHaveCount(0);

  await push({ event: "out_for_delivery", rider: RIDER, otp: "5930", eta_window: ETA });
  await expect(tracking.getByTestId("delivery-otp")).toHaveText("5930");

  await push({ event: "delivered", confirmation_method: "otp", delivered_at: "2026-05-01T14:40:00+05:30" });
  await expect(statusHeading(tracking, "Delivered")).toBeVisible();
  await expect(tracking.getByTestId("status-summary")).toHaveText("Delivered Fri, 1 May, 2:40 pm");
  await expect(tracking.getByTestId("delivery-otp")).toHaveCount(0);

  await push({ event: "return_initiated", reason_code: "size_mismatch", condition: "unopened", pickup_eta: "2026-05-03T11:00:00+05:30" });
  await expect(statusHeading(tracking, "Return initiated")).toBeVisible();
  await expect(tracking.getByTestId("status-summary")).toHaveText("Return pickup Sun, 3 May, 11:00 am");
  await expect(tracking.getByRole("list", { name: "Order timeline" }).getByRole("listitem")).toHaveCount(6);
  expect(await tracking.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  const pageText = await tracking.locator("body").innerText();
  expect(pageText).not.toContain("9812317731");
  expect(pageText).not.toContain(order.id);

  // The SMS outbox: six messages for this order, sent through the outbox, as rendered.
  await page.getByRole("button", { name: "Refresh" }).click();
  const outbox = page.getByRole("table", { name: "SMS outbox" });
  const rows = outbox.getByRole("row").filter({ hasText: order.ref });
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: "Sent" })).toHaveCount(6);
  await expect(rows.filter({ hasText: "OTP 4821" })).toHaveText(
    new RegExp(`Hi Meera Nair, Rajesh Kumar \\(\\+91 98xxx xx214\\) brings ${order.ref} Fri, 1 May, 2:00 pm - 3:00 pm\\. OTP 4821\\. ${order.trackingUrl.replace(/[.?]/g, "\\$&")}`),
  );
  await expect(rows.filter({ hasText: "Customer was not available" })).toContainText("Next attempt: Sat, 2 May, 10:00 am");
  await expect(rows.first()).toContainText("+91 98xxx xx731");
  await tracking.context().close();
});

test("a token of another partner's order shows that order only, nothing of this partner", async ({ browser, baseURL }) => {
  fixture("partner-settings", { partner: "UrbanKart", trackingEnabled: true });
  try {
    const [theirs] = await query<{ trackingToken: string; merchantOrderRef: string }>(
      `SELECT o."trackingToken", o."merchantOrderRef" FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId" WHERE p.name = 'UrbanKart' ORDER BY o."createdAt" DESC LIMIT 1`,
    );
    const tracking = await customerPage(browser);
    await tracking.goto(`${baseURL}/t/${theirs!.trackingToken}`);
    await expect(tracking.getByRole("heading", { level: 1, name: `Order ${theirs!.merchantOrderRef}` })).toBeVisible();
    await expect(tracking.getByText("UrbanKart")).toBeVisible();
    const text = await tracking.locator("body").innerText();
    expect(text).not.toContain("Kettle");
    expect(text).not.toMatch(/\bKC-\d+/);
    await tracking.context().close();
  } finally {
    fixture("partner-settings", { partner: "UrbanKart", trackingEnabled: false });
  }
});

test("an unknown tracking token is a plain 404", async ({ page }) => {
  const response = await page.goto("/t/AAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This tracking link doesn't exist." })).toBeVisible();
  expect((await page.request.get("/api/t/AAAAAAAAAAAAAAAAAAAAAAAA")).status()).toBe(404);
});

test("a partner member sees the settings read-only", async ({ page }) => {
  await signIn(page, USERS.growthMember);
  await page.goto("/tracking");
  await expect(page.getByText("only a partner admin can change them")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Public tracking page" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save template" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No SMS yet" })).toBeVisible();
});

test("switching tracking off: an open tracking page says so without a reload, and new visits too", async ({ page, browser, baseURL }) => {
  const [mine] = await query<{ trackingToken: string }>(
    `SELECT o."trackingToken" FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId" WHERE p.name = 'Kettle & Crumb' ORDER BY o."createdAt" DESC LIMIT 1`,
  );
  const tracking = await customerPage(browser);
  await tracking.goto(`${baseURL}/t/${mine!.trackingToken}`);
  await expect(tracking.getByText("Kettle & Crumb")).toBeVisible();

  await signIn(page, USERS.smbAdmin);
  await page.goto("/tracking");
  const toggle = page.getByRole("switch", { name: "Public tracking page" });
  try {
    await toggle.click();
    await expect(page.getByText("Public tracking page switched off")).toBeVisible();
    await expect(toggle).not.toBeChecked();
    await expect(tracking.getByRole("heading", { name: "Tracking isn't available for this merchant." })).toBeVisible();
    await tracking.reload();
    await expect(tracking.getByRole("heading", { name: "Tracking isn't available for this merchant." })).toBeVisible();
    await expect(tracking.getByText("Kettle & Crumb")).toHaveCount(0);
  } finally {
    fixture("partner-settings", { partner: "Kettle & Crumb", trackingEnabled: true });
    await tracking.context().close();
  }
});
