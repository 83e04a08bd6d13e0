import { expect, test } from "@playwright/test";
import { orderOf, query, signIn, USERS } from "./support";

const nav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Main" });

test("a production build lists no demo accounts on the sign-in page (that is for next dev only)", async ({ page, request }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByTestId("demo-accounts")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
  const html = await (await request.get("/login")).text();
  for (const secret of ["Demo accounts", "waypoint-demo", "support@waypoint.test"]) expect(html).not.toContain(secret);
});

test("a wrong password is refused with a message, and no session is created", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.growthAdmin);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Email or password is incorrect.");
  await page.goto("/overview");
  await expect(page).toHaveURL(/\/login$/);
});

test("a partner admin sees their own partner only, without the support console", async ({ page }) => {
  await signIn(page, USERS.growthAdmin);
  await expect(page.getByTestId("partner-name")).toHaveText("UrbanKart");
  await expect(page.getByTestId("user-role")).toHaveText("Partner admin");
  for (const item of ["Overview", "Orders", "Endpoints", "Event Log", "Tracking & SMS", "Settings"]) {
    await expect(nav(page).getByRole("link", { name: item })).toBeVisible();
  }
  await expect(nav(page).getByRole("link", { name: "Support", exact: true })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Partner" })).toHaveCount(0);
  // The counts are UrbanKart's orders only: they add up to what the database holds for it.
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId" WHERE p.name = 'UrbanKart'`);
  const counts = await Promise.all(
    ["confirmed", "out_for_delivery", "delivered", "delivery_failed", "return_initiated"].map(async (s) => Number(await page.getByTestId(`count-${s}`).innerText())),
  );
  const n = row!.n;
  expect(counts.reduce((a, b) => a + b)).toBe(n);
  expect(n).toBeGreaterThanOrEqual(110);
  expect(counts.every((c) => c > 0)).toBe(true);

  const response = await page.goto("/support");
  expect(response?.status()).toBe(404);
});

test("support staff see the support console and switch between partners", async ({ page }) => {
  await signIn(page, USERS.support);
  await expect(page.getByTestId("user-role")).toHaveText("Support staff");
  await expect(nav(page).getByRole("link", { name: "Support", exact: true })).toBeVisible();
  const switcher = page.getByRole("combobox", { name: "Partner" });
  await expect(switcher).toContainText("Kettle & Crumb");

  await switcher.click();
  await page.getByRole("option", { name: /Sportsline Retail/ }).click();
  await expect(switcher).toContainText("Sportsline Retail");
  await expect(page.getByText("Sportsline Retail: orders by current status.")).toBeVisible();
  await nav(page).getByRole("link", { name: "Support", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Support", exact: true })).toBeVisible();
});

test("a partner user gets 404 for another partner's order, and 401 when signed out", async ({ page, request }) => {
  const theirs = await orderOf("Sportsline Retail");
  const mine = await orderOf("UrbanKart");
  expect((await request.get(`/api/v1/orders/${theirs}`)).status()).toBe(401);

  await signIn(page, USERS.growthAdmin);
  const own = await page.request.get(`/api/v1/orders/${mine}`);
  expect(own.status()).toBe(200);
  expect((await own.json()).order_id).toBe(mine);
  const other = await page.request.get(`/api/v1/orders/${theirs}`);
  expect(other.status()).toBe(404);
  expect(await other.text()).not.toContain("Sportsline");
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, USERS.smbAdmin);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/login$/);
});

test("every page is sent with security headers: CSP that forbids framing, nosniff, no framing", async ({ request }) => {
  for (const path of ["/login", "/overview", "/t/not-a-real-token"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const headers = res.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
  }
});
