import { expect, test, type Page } from "@playwright/test";
import { fixture, ingest, orderOf, query, signIn, USERS } from "./support";

const run = Date.now().toString(36);
const region = (page: Page, name: string) => page.getByRole("region", { name });

async function openSettings(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
}

/** Creates a key through the dialog and returns it as shown, once. */
async function createKey(page: Page, card: string, button: string, name: string) {
  await region(page, card).getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Give the key a name")).toBeVisible();
  await dialog.getByLabel("Key name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const field = dialog.getByLabel(`New key “${name}”`);
  await expect(field).toHaveValue(/^wp_/);
  await expect(dialog.getByText("This is the only time the key is shown")).toBeVisible();
  const key = await field.inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  return key;
}

test("a partner admin creates an API key, sees it once, uses it, revokes it, and the audit log says so", async ({ page, request }) => {
  const name = `CI deploys ${run}`;
  await signIn(page, USERS.growthAdmin);
  await openSettings(page);
  const key = await createKey(page, "Partner API keys", "Create API key", name);
  expect(key).toMatch(/^wp_live_[0-9A-Za-z]{32}$/);

  const row = region(page, "Partner API keys").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText("Active");
  await page.reload();
  expect(await page.content()).not.toContain(key);

  const auth = { authorization: `Bearer ${key}` };
  expect((await request.get("/api/v1/health", { headers: auth })).status()).toBe(200);
  const order = await request.get(`/api/v1/orders/${await orderOf("UrbanKart")}`, { headers: auth });
  expect(order.status()).toBe(200);
  await page.reload();
  await expect(row).not.toContainText("Never"); // last used is recorded

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  const refused = await request.get("/api/v1/health", { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");

  const audit = region(page, "Audit log");
  await expect(audit.getByRole("row", { name: new RegExp(`Created API key.*${name}`) })).toContainText(USERS.growthAdmin);
  await expect(audit.getByRole("row", { name: new RegExp(`Revoked API key.*${name}`) })).toBeVisible();
});

test("a partner member sees keys and policy read-only, no ingest keys, and the API reference", async ({ page }) => {
  await signIn(page, USERS.growthMember);
  await openSettings(page);
  const reference = page.getByRole("link", { name: "API reference" });
  await expect(reference).toHaveAttribute("href", "/api/v1/openapi.json");
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
  const keys = region(page, "Partner API keys");
  await expect(keys.getByText("Only a partner admin can create or revoke API keys.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await expect(keys.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  await expect(region(page, "Ingest keys")).toHaveCount(0);
  const policy = region(page, "Retry policy");
  await expect(policy.getByLabel("Retry delays (seconds)")).toHaveAttribute("readonly", "");
  await expect(policy.getByText("Only a partner admin can change the retry policy.")).toBeVisible();
  await expect(policy.getByRole("button", { name: "Save retry policy" })).toHaveCount(0);
});

test("support staff create an ingest key the OMS can post with; the partner sees only the audit entry", async ({ page, baseURL }) => {
  const name = `Dispatch app ${run}`;
  await signIn(page, USERS.support);
  const switcher = page.getByRole("combobox", { name: "Partner" });
  await switcher.click();
  await page.getByRole("option", { name: /Kettle & Crumb/ }).click();
  await expect(switcher).toContainText("Kettle & Crumb");
  await openSettings(page);

  const ingestKeys = region(page, "Ingest keys");
  await ingestKeys.getByRole("button", { name: "Create ingest key" }).click();
  await expect(page.getByRole("dialog").getByLabel("Only for Kettle & Crumb")).toBeChecked();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  const key = await createKey(page, "Ingest keys", "Create ingest key", name);
  expect(key).toMatch(/^wp_ingest_/);
  await expect(ingestKeys.getByRole("row", { name: new RegExp(name) })).toContainText("Kettle & Crumb");

  const res = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: `SET-${run}`, customer_id: "c-1", customer_name: "Diya Iyer", customer_phone: "+919812345678" });
  expect(res.status).toBe(201);
  const [order] = await query<{ partner: string }>(`SELECT p.name AS partner FROM "Order" o JOIN "Partner" p ON p.id = o."partnerId" WHERE o.id = $1`, [res.json.order_id]);
  expect(order?.partner).toBe("Kettle & Crumb");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, USERS.smbAdmin);
  await openSettings(page);
  await expect(region(page, "Ingest keys")).toHaveCount(0);
  const entry = region(page, "Audit log").getByRole("row", { name: new RegExp(`Created API key.*${name}`) });
  await expect(entry).toContainText("by Waypoint support");
  await expect(entry).toContainText("Ingest key");
});

test("the retry policy is validated as you type, saved, shown in words and audited", async ({ page }) => {
  await signIn(page, USERS.enterpriseAdmin);
  await openSettings(page);
  const policy = region(page, "Retry policy");
  const delays = policy.getByLabel("Retry delays (seconds)");
  const timeout = policy.getByLabel("Attempt timeout (seconds)");
  const save = policy.getByRole("button", { name: "Save retry policy" });
  await expect(policy.getByTestId("retry-schedule-words")).toHaveText("30 s → 2 min → 8 min, then dead-letter");

  await delays.fill("120, 30");
  await expect(policy.getByTestId("retry-schedule-words")).toHaveText("Retry 2: delays must not get shorter (backoff).");
  await expect(save).toBeDisabled();
  await delays.fill("10, 60, 600");
  await expect(policy.getByTestId("retry-schedule-words")).toHaveText("10 s → 1 min → 10 min, then dead-letter");
  await timeout.fill("45");
  await expect(policy.getByText("Timeout must be a whole number of seconds from 1 to 30.")).toBeVisible();
  await expect(save).toBeDisabled();
  await timeout.fill("15");
  await save.click();
  await expect(page.getByText("Retry policy saved: 10 s → 1 min → 10 min, then dead-letter.")).toBeVisible();

  const [row] = await query<{ retrySchedule: number[]; timeoutMs: number }>(`SELECT "retrySchedule", "timeoutMs" FROM "Partner" WHERE name = 'Sportsline Retail'`);
  expect(row).toEqual({ retrySchedule: [10, 60, 600], timeoutMs: 15_000 });
  await page.reload();
  await expect(delays).toHaveValue("10, 60, 600");
  await expect(timeout).toHaveValue("15");
  await expect(region(page, "Audit log").getByRole("row", { name: /Changed retry policy/ }).first()).toContainText(USERS.enterpriseAdmin);

  fixture("partner-settings", { partner: "Sportsline Retail", retrySchedule: [30, 120, 480], timeoutMs: 10_000 });
});
