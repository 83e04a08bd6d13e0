import { expect, test, type Page } from "@playwright/test";
import { receiver } from "./receiver";
import { fixture, ingest, query, RECEIVER_URL, signIn, USERS } from "./support";

// Story 2, the Event Log: an integration lead watches events arrive live, filters them with
// shareable URLs, opens one to see what was sent and every attempt, and retries failures one by
// one or all at once. UrbanKart gets one endpoint on the local receiver and fast retries (1 s, 1 s).

const PARTNER = "UrbanKart";
const LOG_PATH = "/log";

const receiverAnswers = (mode: { kind: "ok" } | { kind: "status"; status: number }) => receiver.mode(LOG_PATH, mode);

let ingestKey: string;
let partnerId: string;
let endpointId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await query(`DELETE FROM "Endpoint" WHERE "partnerId" = (SELECT id FROM "Partner" WHERE name = $1)`, [PARTNER]);
  fixture("partner-settings", { partner: PARTNER, retrySchedule: [1, 1] });
  ingestKey = fixture<{ key: string }>("ingest-key", { partner: PARTNER }).key;
  partnerId = fixture<{ id: string }>("partner-id", { partner: PARTNER }).id;
  const endpoint = fixture<{ id: string; secret: string }>("endpoint", { partner: PARTNER, url: `${RECEIVER_URL}${LOG_PATH}` });
  endpointId = endpoint.id;
  await receiver.reset();
  await receiver.trust(endpoint.secret);
});

test.afterAll(async () => {
  // Leave UrbanKart as the seed had it for the specs that run after this one.
  await query(`DELETE FROM "Endpoint" WHERE id = $1`, [endpointId]);
  fixture("partner-settings", { partner: PARTNER, retrySchedule: [30, 120, 480] });
  await receiver.reset();
});

let refs = 0;
async function newOrder(baseURL: string, outForDelivery = false) {
  const ref = `LOG-${Date.now()}-${refs++}`;
  const created = await ingest(baseURL, ingestKey, "/api/v1/orders", {
    partner_id: partnerId,
    merchant_order_ref: ref,
    customer_id: "cust-e2e",
    customer_name: "Nisha Rao",
    customer_phone: "+919845012214",
  });
  expect(created.status).toBe(201);
  if (outForDelivery) {
    const ofd = await ingest(baseURL, ingestKey, `/api/v1/orders/${created.json.order_id}/events`, {
      event: "out_for_delivery",
      rider: { name: "Rajesh", phone: "+919876543214" },
      otp: "4821",
      eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" },
    });
    expect(ofd.status).toBe(201);
  }
  return ref;
}

// E2E_SHOTS=1 saves screenshots to /tmp/shots for a look at the pages.
const shot = (page: Page, name: string) => (process.env.E2E_SHOTS ? page.screenshot({ path: `/tmp/shots/events-${name}.png` }) : undefined);
const rows = (page: Page, text: string) => page.getByRole("table", { name: "Events" }).getByRole("row").filter({ hasText: text });
async function choose(page: Page, filter: "Event type" | "Delivery status" | "Time range", option: string) {
  await page.getByRole("combobox", { name: filter }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}
const shownRefs = async (page: Page) => (await page.getByRole("table", { name: "Events" }).locator("tbody tr td:nth-child(3)").allInnerTexts()).sort();

test("new events appear without a reload; filters by type, status and time live in a shareable URL", async ({ page, context, baseURL }) => {
  await signIn(page, USERS.growthAdmin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Event Log" }).click();
  await expect(page.getByRole("heading", { name: "Event Log" })).toBeVisible();
  // The seed's events went nowhere: UrbanKart had no endpoint then.
  await expect(page.getByText("Not sent: no endpoint subscribed").first()).toBeVisible();

  const startedAt = new Date(Date.now() - 60_000);
  const ref = await newOrder(baseURL!, true);
  await expect(rows(page, ref)).toHaveCount(2); // order_confirmed and out_for_delivery, live
  await expect(rows(page, ref).filter({ hasText: "Out for delivery" }).getByText("Delivered").first()).toBeVisible();
  await shot(page, "1-list");

  await choose(page, "Event type", "Out for delivery");
  await expect(page).toHaveURL(/[?&]type=out_for_delivery/);
  await expect(rows(page, ref)).toHaveCount(1);
  await expect(page.getByRole("link", { name: /^Order confirmed, order / })).toHaveCount(0);

  await choose(page, "Delivery status", "Delivered");
  await expect(page).toHaveURL(/[?&]status=delivered/);
  await expect(rows(page, ref)).toHaveCount(1);
  await expect(page.getByText("Not sent: no endpoint subscribed")).toHaveCount(0);

  await choose(page, "Time range", "Custom range…");
  await page.getByLabel("From", { exact: true }).fill("2020-01-01T00:00");
  await page.getByLabel("To", { exact: true }).fill("2020-01-02T00:00");
  await expect(page.getByText("No events match these filters")).toBeVisible();
  const local = new Date(startedAt.getTime() - startedAt.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel("From", { exact: true }).fill(local);
  await page.getByLabel("To", { exact: true }).fill("");
  await expect(rows(page, ref)).toHaveCount(1);
  await shot(page, "2-filtered");
  await expect(page).toHaveURL(/[?&]range=custom/);
  await expect(page).toHaveURL(/[?&]from=/);

  // The same URL in a fresh page shows the same filtered list.
  const shared = page.url();
  const expected = await shownRefs(page);
  const other = await context.newPage();
  await other.goto(shared);
  await expect(rows(other, ref)).toHaveCount(1);
  await expect(other.getByRole("combobox", { name: "Event type" })).toContainText("Out for delivery");
  await expect(other.getByRole("combobox", { name: "Delivery status" })).toContainText("Delivered");
  expect(await shownRefs(other)).toEqual(expected);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByText("Not sent: no endpoint subscribed").first()).toBeVisible();
});

test("a link with a filter value the Event Log cannot use says so, with the allowed values, and the controls show what is applied", async ({ page }) => {
  await signIn(page, USERS.growthAdmin);
  await page.goto("/events?status=failed&type=delivered");
  const notice = page.getByRole("alert").filter({ hasText: "not applied" });
  await expect(notice).toContainText("status=failed is not one of the allowed values: dead_lettered, retrying, pending, delivered.");
  await expect(page.getByRole("combobox", { name: "Delivery status" })).toContainText("All statuses");
  await expect(page.getByRole("combobox", { name: "Event type" })).toContainText("Delivered");
  await shot(page, "3-ignored-filter");
  await notice.getByRole("button", { name: "Remove from the link" }).click();
  await expect(page).toHaveURL(/\/events\?type=delivered$/);
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Event type" })).toContainText("Delivered");
});

test("a dead-lettered delivery: its history, then a manual retry recorded with the user's name", async ({ page, baseURL }) => {
  const [user] = await query<{ name: string }>(`SELECT name FROM "User" WHERE email = $1`, [USERS.growthAdmin]);
  await receiverAnswers({ kind: "status", status: 500 });
  await signIn(page, USERS.growthAdmin);
  await page.goto("/events?status=dead_lettered");
  const ref = await newOrder(baseURL!);
  // First attempt and two retries 1 s apart, then dead-lettered: the row appears by itself.
  await expect(rows(page, ref)).toHaveCount(1, { timeout: 20_000 });
  await expect(rows(page, ref).getByText("Dead-lettered").first()).toBeVisible();

  await rows(page, ref).getByRole("link").click();
  await expect(page).toHaveURL(/\/events\/evt_/);
  const delivery = page.getByRole("region", { name: /^Delivery to / });
  await expect(delivery.getByTestId("last-error")).toHaveText("Endpoint answered 500 Internal Server Error");
  await expect(delivery.getByText("None: dead-lettered, retry by hand")).toBeVisible();
  const history = delivery.getByRole("table", { name: "Attempt history" });
  await expect(history.getByRole("row").filter({ hasText: "Automatic" })).toHaveCount(3);
  await expect(history.getByText("HTTP 500")).toHaveCount(3);
  await shot(page, "3-dead-lettered");
  await delivery.getByRole("tab", { name: "Payload as sent" }).click();
  await expect(delivery.getByLabel(/^Payload sent to /)).toContainText(`"merchant_order_ref":"${ref}"`);
  await delivery.getByRole("tab", { name: /^Attempts/ }).click();

  await receiverAnswers({ kind: "ok" });
  await delivery.getByRole("button", { name: "Retry now" }).click();
  await expect(delivery.getByRole("status")).toHaveText(/^Retry result: Delivered \(HTTP 200 in \d+ ms\)\.$/);
  await expect(history.getByRole("row").filter({ hasText: `Manual retry by ${user!.name} (${USERS.growthAdmin})` })).toHaveCount(1);
  await expect(delivery.getByText("Delivered", { exact: true }).first()).toBeVisible();
  await expect(delivery.getByRole("button", { name: "Retry now" })).toHaveCount(0);
  await shot(page, "4-retried");

  const [row] = await query<{ trigger: string; email: string }>(
    `SELECT a.trigger::text, u.email FROM "DeliveryAttempt" a JOIN "User" u ON u.id = a."triggeredById"
      JOIN "Delivery" d ON d.id = a."deliveryId" JOIN "OrderEvent" e ON e.id = d."eventId"
     WHERE e.payload->>'merchant_order_ref' = $1`,
    [ref],
  );
  expect(row).toEqual({ trigger: "manual", email: USERS.growthAdmin });
});

test("retry all failed: the confirmation states the count, then they are delivered", async ({ page, baseURL }) => {
  await receiverAnswers({ kind: "status", status: 503 });
  await signIn(page, USERS.growthAdmin);
  await page.goto("/events?status=dead_lettered");
  const mine = [await newOrder(baseURL!), await newOrder(baseURL!), await newOrder(baseURL!)];
  for (const ref of mine) await expect(rows(page, ref).getByText("Dead-lettered").first()).toBeVisible({ timeout: 20_000 });

  // One endpoint: each dead-lettered event listed has exactly one failed delivery.
  const [{ n }] = (await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Delivery" WHERE "partnerId" = $1 AND status = 'dead_lettered'`, [partnerId])) as [{ n: number }];
  expect(n).toBeGreaterThanOrEqual(3);
  await receiverAnswers({ kind: "ok" });
  await page.getByRole("button", { name: `Retry all failed (${n})` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: `Retry ${n} failed deliveries?` })).toBeVisible();
  await shot(page, "5-retry-all");
  await dialog.getByRole("button", { name: `Retry ${n} failed deliveries` }).click();
  await expect(page.getByText(`Retrying ${n} failed deliveries. Results appear in the log as they finish.`)).toBeVisible();

  // They leave the dead-lettered view as they are delivered, live.
  for (const ref of mine) await expect(rows(page, ref)).toHaveCount(0, { timeout: 20_000 });
  const [done] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId" JOIN "User" u ON u.id = a."triggeredById"
      WHERE d."partnerId" = $1 AND a.trigger = 'manual' AND a.success AND u.email = $2 AND d.status = 'delivered'`,
    [partnerId, USERS.growthAdmin],
  );
  expect(done!.n).toBeGreaterThanOrEqual(n);
  await expect(page.getByRole("button", { name: "Retry all failed (0)" })).toBeDisabled();
});

async function deadLetteredEvent(baseURL: string) {
  await receiverAnswers({ kind: "status", status: 500 });
  const ref = await newOrder(baseURL);
  const eventOf = () =>
    query<{ id: string; status: string }>(
      `SELECT e.id, d.status::text FROM "OrderEvent" e JOIN "Delivery" d ON d."eventId" = e.id WHERE e.payload->>'merchant_order_ref' = $1`,
      [ref],
    );
  await expect.poll(async () => (await eventOf())[0]?.status, { timeout: 20_000 }).toBe("dead_lettered");
  return (await eventOf())[0]!.id;
}

test("partner members and support staff (through the partner switcher) can retry too", async ({ page, baseURL }) => {
  const names = Object.fromEntries(
    (await query<{ email: string; name: string }>(`SELECT email, name FROM "User" WHERE email = ANY($1)`, [[USERS.growthMember, USERS.support]])).map((u) => [u.email, u.name]),
  );
  const retryAs = async (email: string, eventId: string) => {
    await page.goto(`/events/${eventId}`);
    const delivery = page.getByRole("region", { name: /^Delivery to / });
    await receiverAnswers({ kind: "ok" });
    await delivery.getByRole("button", { name: "Retry now" }).click();
    await expect(delivery.getByRole("status")).toHaveText(/Delivered/);
    await expect(delivery.getByRole("row").filter({ hasText: `Manual retry by ${names[email]} (${email})` })).toHaveCount(1);
  };

  const forMember = await deadLetteredEvent(baseURL!);
  await signIn(page, USERS.growthMember);
  await retryAs(USERS.growthMember, forMember);
  await page.getByRole("button", { name: "Sign out" }).click();

  const forSupport = await deadLetteredEvent(baseURL!);
  await signIn(page, USERS.support);
  const switcher = page.getByRole("combobox", { name: "Partner" });
  await switcher.click();
  await page.getByRole("option", { name: /UrbanKart/ }).click();
  await expect(switcher).toContainText("UrbanKart");
  await retryAs(USERS.support, forSupport);
});

test("another partner's event: 404 page by direct URL, 404 from the API (session and partner key)", async ({ page, request }) => {
  const [theirs] = await query<{ id: string }>(
    `SELECT e.id FROM "OrderEvent" e JOIN "Partner" p ON p.id = e."partnerId" WHERE p.name = 'Sportsline Retail' ORDER BY e.id LIMIT 1`,
  );
  const [mine] = await query<{ id: string }>(`SELECT id FROM "OrderEvent" WHERE "partnerId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [partnerId]);
  await signIn(page, USERS.growthAdmin);

  const response = await page.goto(`/events/${theirs!.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Event not found" })).toBeVisible();
  await shot(page, "6-not-found");
  await expect(page.getByText("Sportsline")).toHaveCount(0);

  const viaSession = await page.request.get(`/api/v1/events/${theirs!.id}`);
  expect(viaSession.status()).toBe(404);
  expect(await viaSession.text()).not.toContain("Sportsline");
  expect((await page.request.get(`/api/v1/events/${mine!.id}`)).status()).toBe(200);

  const { key } = fixture<{ key: string }>("partner-key", { partner: PARTNER });
  const auth = { authorization: `Bearer ${key}` };
  expect((await request.get(`/api/v1/events/${theirs!.id}`, { headers: auth })).status()).toBe(404);
  const list = await request.get("/api/v1/events?limit=500", { headers: auth });
  expect(list.status()).toBe(200);
  const listed: string[] = (await list.json()).events.map((e: { event_id: string }) => e.event_id);
  expect(listed).toContain(mine!.id);
  expect(listed).not.toContain(theirs!.id);
  expect((await request.get("/api/v1/events")).status()).toBe(401);
});
