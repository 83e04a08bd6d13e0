import { expect, test } from "@playwright/test";
import { receiver } from "./receiver";
import { fixture, ingest, query, RECEIVER_URL, signIn, USERS } from "./support";

// A brand-new partner, made directly in the e2e database so no other spec's endpoints or
// deliveries can leak into its figures. Its admin reuses a demo user's password hash. The name
// sorts after the seeded partners, so support staff's default partner stays Kettle & Crumb.
async function newPartner() {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const partner = { id: `e2e_partner_${suffix}`, name: `Zippy Greens ${suffix}`, email: `admin-${suffix}@zippygreens.test` };
  await query(`INSERT INTO "Partner" (id, name, slug, tier, "updatedAt") VALUES ($1, $2, $3, 'growth', now())`, [partner.id, partner.name, `zippy-greens-${suffix}`]);
  await query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "partnerId", "updatedAt")
     SELECT $1, $2, 'Zippy Admin', "passwordHash", 'partner_admin', $3, now() FROM "User" WHERE email = $4`,
    [`e2e_user_${suffix}`, partner.email, partner.id, USERS.growthAdmin],
  );
  return { ...partner, path: `/overview-${suffix}` };
}

async function placeOrders(baseURL: string, key: string, partnerId: string, count: number, tag: string) {
  for (let i = 0; i < count; i++) {
    const res = await ingest(baseURL, key, "/api/v1/orders", {
      partner_id: partnerId,
      merchant_order_ref: `${tag}-${i}`,
      customer_id: `c-${i}`,
      customer_name: "Diya Iyer",
      customer_phone: "+919812345678",
    });
    expect(res.status).toBe(201);
  }
}

const deliveries = async (partnerId: string, status: string) =>
  Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "Delivery" WHERE "partnerId" = $1 AND status = $2`, [partnerId, status]))[0]!.n);

test("a new partner is told what to do next: add an endpoint, then send a test event", async ({ page }) => {
  const partner = await newPartner();
  await signIn(page, partner.email);
  await expect(page.getByRole("heading", { name: "Webhook health" })).toBeVisible();
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add your first endpoint" })).toHaveAttribute("href", "/endpoints");
  // The order-status cards are there from day one, at zero.
  await expect(page.getByTestId("count-confirmed")).toHaveText("0");

  fixture("endpoint", { partner: partner.name, url: `${RECEIVER_URL}${partner.path}` });
  await page.reload();
  await expect(page.getByText("No deliveries in the last 24 hours")).toBeVisible();
  await expect(page.getByRole("link", { name: "Send a test event" })).toHaveAttribute("href", "/endpoints");
});

test("deliveries show up without a reload: delivered and failed counts, success rate, errors, dead letters", async ({ page, baseURL }) => {
  const partner = await newPartner();
  fixture("partner-settings", { partner: partner.name, retrySchedule: [1, 1] });
  fixture("endpoint", { partner: partner.name, url: `${RECEIVER_URL}${partner.path}` });
  const { key } = fixture<{ key: string }>("ingest-key", { partner: partner.name });
  await receiver.mode(partner.path, { kind: "ok" });

  await signIn(page, partner.email);
  await expect(page.getByText("No deliveries in the last 24 hours")).toBeVisible();

  await placeOrders(baseURL!, key, partner.id, 3, "OV-OK");
  await expect.poll(() => deliveries(partner.id, "delivered"), { timeout: 20_000 }).toBe(3);
  // The page polls GET /api/v1/health every 15 s: the figures arrive on their own.
  await expect(page.getByTestId("health-delivered")).toHaveText("3", { timeout: 30_000 });
  await expect(page.getByTestId("health-success-rate")).toHaveText("100%");
  await expect(page.getByTestId("health-p95")).toHaveText(/^\d+ ms$/);
  await expect(page.getByRole("img", { name: /3 delivered and 0 failed attempts in the last 24 hours/ })).toBeVisible();

  // The partner's endpoint starts failing: first attempt + 2 quick retries, then dead-letter.
  await receiver.mode(partner.path, { kind: "status", status: 500 });
  await placeOrders(baseURL!, key, partner.id, 1, "OV-FAIL");
  await expect.poll(() => deliveries(partner.id, "dead_lettered"), { timeout: 30_000 }).toBe(1);
  await page.reload();
  await expect(page.getByTestId("health-failed")).toHaveText("3");
  await expect(page.getByTestId("health-success-rate")).toHaveText("50%");
  await expect(page.getByTestId("health-dead-lettered")).toHaveText("1");
  await expect(page.getByTestId("health-consecutive-failures")).toHaveText("3");
  await expect(page.getByTestId("health-last-error")).toContainText("Endpoint answered 500");
  await expect(page.getByRole("link", { name: "Retry in the Event Log" })).toHaveAttribute("href", "/events?status=dead_lettered&range=24h");
  const card = page.getByRole("region", { name: `Health of ${RECEIVER_URL}${partner.path}` });
  await expect(card.getByText(/Endpoint answered 500/)).toBeVisible();

  // The 7-day view keeps the same attempts, and the choice is in the URL for sharing.
  await page.getByRole("tab", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/\?range=7d$/);
  await expect(page.getByTestId("health-delivered")).toHaveText("3");
  await expect(page.getByTestId("health-failed")).toHaveText("3");
  await page.reload();
  await expect(page.getByRole("tab", { name: "Last 7 days" })).toHaveAttribute("aria-selected", "true");
});

test("the health API answers a partner key with its own partner's endpoints only, and 401 without a key", async ({ request }) => {
  const partner = await newPartner();
  fixture("endpoint", { partner: partner.name, url: `${RECEIVER_URL}${partner.path}` });
  const { key } = fixture<{ key: string }>("partner-key", { partner: partner.name });
  const res = await request.get("/api/v1/health?range=24h", { headers: { authorization: `Bearer ${key}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.endpoints).toHaveLength(1);
  expect(body.endpoints[0].url).toBe(`${RECEIVER_URL}${partner.path}`);
  expect(body.overall.attempts).toBe(0);
  expect((await request.get("/api/v1/health")).status()).toBe(401);
});
