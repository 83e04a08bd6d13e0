import { expect, test, type Page } from "@playwright/test";
import { receiver } from "./receiver";
import { fixture, query, RECEIVER_URL, signIn, USERS } from "./support";

// Story 2: an integration lead registers, tests and manages webhook endpoints alone.

async function clearEndpoints(partner: string) {
  await query(`DELETE FROM "Endpoint" WHERE "partnerId" = (SELECT id FROM "Partner" WHERE name = $1)`, [partner]);
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const addEndpoint = (page: Page) => page.getByRole("link", { name: "Add endpoint", exact: true });

test.beforeEach(async () => {
  await receiver.reset();
  await clearEndpoints("UrbanKart");
  await clearEndpoints("Sportsline Retail");
});

test("a new integration lead registers an endpoint, copies the secret and sees a verified test event arrive", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, USERS.growthAdmin);
  await nav(page).getByRole("link", { name: "Endpoints" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  await expect(page.getByTestId("endpoint-count")).toHaveText("0 of 5 endpoints");
  await addEndpoint(page).click();

  await page.getByLabel("Endpoint URL").fill(`${RECEIVER_URL}/hooks`);
  await page.getByLabel("Description (optional)").fill("Order updates to our ERP");
  // Map events: everything except returns, which another system handles.
  await page.getByRole("checkbox", { name: "Return initiated" }).uncheck();
  await expect(page.getByText(/Supported until 30 Nov 2027/)).toBeVisible();
  await page.getByRole("button", { name: "Create endpoint" }).click();

  await expect(page).toHaveURL(/\/endpoints\/(?!new$)[a-z0-9]+$/);
  const endpointId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { name: "Order updates to our ERP" })).toBeVisible();
  const [stored] = await query<{ eventTypes: string }>(`SELECT "eventTypes"::text FROM "Endpoint" WHERE id = $1`, [endpointId]);
  expect(stored!.eventTypes).toBe("{order_confirmed,out_for_delivery,delivered,delivery_failed}");

  // The secret is masked and absent from the page until revealed.
  const secretBox = page.getByTestId("signing-secret");
  await expect(secretBox).toHaveText(/^whsec_•+$/);
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);
  const secret = (await secretBox.textContent())!;
  const html = await (await page.request.get(`/endpoints/${endpointId}`)).text();
  expect(html).not.toContain(secret);
  await page.getByRole("button", { name: "Copy signing secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await receiver.trust(secret);

  // Preview, then send: the body on screen is the body that arrives.
  await page.getByRole("combobox", { name: "Event type" }).click();
  await page.getByRole("option", { name: "Out for delivery" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByLabel("Request body", { exact: true })).toContainText('"event": "out_for_delivery"');
  await expect(preview.getByLabel("Request body", { exact: true })).toContainText('"test": true');
  await preview.getByRole("tab", { name: "Headers" }).click();
  await expect(preview.getByLabel("Request headers", { exact: true })).toContainText(/webhook-signature: v1,\S{10}…/);
  const previewId = /webhook-id: (evt_test_\w+)/.exec((await preview.getByLabel("Request headers", { exact: true }).textContent())!)![1];

  const started = Date.now();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByTestId("test-status")).toHaveText("HTTP 200");
  expect(Date.now() - started).toBeLessThan(3_000);
  await expect(page.getByTestId("test-result")).toContainText("Your endpoint accepted the test event");
  await expect(page.getByTestId("test-latency")).toHaveText(/^\d+ ms$/);
  await expect(page.getByTestId("test-result").getByLabel("Response body excerpt")).toContainText('"received":true');

  const [arrived] = await receiver.requests("/hooks");
  expect(arrived!.signatureValid).toBe(true);
  expect(arrived!.webhookId).toBe(previewId);
  expect(JSON.parse(arrived!.body)).toMatchObject({ event: "out_for_delivery", test: true, schema_version: "v2" });

  await expect(page.getByRole("table", { name: "Recent test events" })).toContainText("HTTP 200");
  const audit = await query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "targetId" = $1 ORDER BY "createdAt"`, [endpointId]);
  expect(audit.map((a) => a.action)).toEqual(["endpoint.created", "endpoint.secret_revealed", "endpoint.test_sent"]);
  const attempts = await query<{ trigger: string; deliveryId: string | null }>(`SELECT trigger::text, "deliveryId" FROM "DeliveryAttempt" WHERE "endpointId" = $1`, [endpointId]);
  expect(attempts).toEqual([{ trigger: "test", deliveryId: null }]);
});

test("a failing endpoint gets a plain-language hint: 500 and timeout", async ({ page }) => {
  fixture("partner-settings", { partner: "UrbanKart", timeoutMs: 2000 });
  try {
    const broken = fixture<{ id: string }>("endpoint", { partner: "UrbanKart", url: `${RECEIVER_URL}/broken` });
    const slow = fixture<{ id: string }>("endpoint", { partner: "UrbanKart", url: `${RECEIVER_URL}/slow` });
    await receiver.mode("/broken", { kind: "status", status: 500 });
    await receiver.mode("/slow", { kind: "timeout" });
    await signIn(page, USERS.growthAdmin);

    await page.goto(`/endpoints/${broken.id}`);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByTestId("test-status")).toHaveText("HTTP 500");
    await expect(page.getByTestId("test-hint")).toContainText("Your server failed while handling the webhook");
    await expect(page.getByTestId("test-result").getByLabel("Response body excerpt")).toContainText("receiver mode answered 500");

    await page.goto(`/endpoints/${slow.id}`);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Waiting up to 2 s for your endpoint to answer…")).toBeVisible();
    await expect(page.getByTestId("test-status")).toHaveText("Timed out");
    await expect(page.getByTestId("test-hint")).toContainText("did not answer in time");

    // The list shows each endpoint's last test at a glance.
    await page.goto("/endpoints");
    await expect(page.getByRole("row", { name: /\/broken/ })).toContainText("HTTP 500");
    await expect(page.getByRole("row", { name: /\/slow/ })).toContainText("No answer");
  } finally {
    fixture("partner-settings", { partner: "UrbanKart", timeoutMs: 10000 });
  }
});

test("the sixth endpoint is refused, in the page and by the API", async ({ page, baseURL }) => {
  for (let i = 1; i <= 4; i++) fixture("endpoint", { partner: "Sportsline Retail", url: `${RECEIVER_URL}/sport-${i}` });
  const { key } = fixture<{ key: string }>("partner-key", { partner: "Sportsline Retail" });
  const api = (url: string) =>
    fetch(new URL("/api/v1/endpoints", baseURL), {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ url, event_types: ["delivered"] }),
    });

  await signIn(page, USERS.enterpriseAdmin);
  await page.goto("/endpoints");
  await expect(page.getByTestId("endpoint-count")).toHaveText("4 of 5 endpoints");
  await addEndpoint(page).click();
  await page.getByLabel("Endpoint URL").fill(`${RECEIVER_URL}/sport-ui`);

  // Someone else takes the last slot (another tab, or their automation) meanwhile.
  expect((await api(`${RECEIVER_URL}/sport-5`)).status).toBe(201);
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("You already have 5 endpoints, the most a partner can have. Delete or reuse one.");
  await expect(page).toHaveURL(/\/endpoints\/new$/);

  await page.goto("/endpoints");
  await expect(page.getByTestId("endpoint-count")).toHaveText("5 of 5 endpoints");
  await expect(page.getByRole("button", { name: "Add endpoint" })).toBeDisabled();
  await expect(page.getByTestId("endpoint-limit-reason")).toHaveText("You already have 5 endpoints, the most a partner can have. Delete or reuse one.");
  await page.goto("/endpoints/new");
  await expect(page.getByTestId("add-blocked")).toContainText("You already have 5 endpoints");

  const sixth = await api(`${RECEIVER_URL}/sport-6`);
  expect(sixth.status).toBe(409);
  expect((await sixth.json()).error).toEqual({ code: "limit_reached", message: "You already have 5 endpoints, the most a partner can have. Delete or reuse one.", details: { max: 5 } });
  const [{ count }] = (await query<{ count: string }>(`SELECT count(*) FROM "Endpoint" e JOIN "Partner" p ON p.id = e."partnerId" WHERE p.name = 'Sportsline Retail'`)) as [{ count: string }];
  expect(Number(count)).toBe(5);
});

test("a private URL is refused with the reason next to the field", async ({ page }) => {
  await signIn(page, USERS.growthAdmin);
  await page.goto("/endpoints/new");
  const url = page.getByLabel("Endpoint URL");
  await url.fill("http://10.0.0.1/x");
  await page.getByLabel("Description (optional)").click(); // leaving the field checks it
  await expect(page.getByTestId("url-error")).toHaveText("10.0.0.1 is a private address; webhooks cannot target private networks");
  await expect(url).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Clear all" }).click(); // a new endpoint starts with every event
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("eventTypes-error")).toHaveText("choose at least one event type");
  await page.getByRole("checkbox", { name: "Delivered" }).check();
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("url-error")).toHaveText("10.0.0.1 is a private address; webhooks cannot target private networks");
  await expect(page).toHaveURL(/\/endpoints\/new$/);
  expect(await query(`SELECT id FROM "Endpoint" WHERE url = 'http://10.0.0.1/x'`)).toEqual([]);
});

test("an admin edits, disables with a reason, re-enables, rotates the secret and deletes an endpoint", async ({ page }) => {
  const { id } = fixture<{ id: string }>("endpoint", { partner: "UrbanKart", url: `${RECEIVER_URL}/manage` });
  await signIn(page, USERS.growthAdmin);
  await page.goto(`/endpoints/${id}`);

  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Description (optional)").fill("Legacy XML feed");
  await page.getByLabel("XML").check();
  await page.getByLabel("v1 (legacy)").check();
  await page.getByLabel("Rate limit (deliveries per second, optional)").fill("25");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/${id}$`));
  await expect(page.getByRole("heading", { name: "Legacy XML feed" })).toBeVisible();
  await expect(page.getByTestId("v1-end-of-support")).toContainText("30 Nov 2027");
  await expect(page.getByText("25 per second")).toBeVisible();
  await expect(page.getByRole("region", { name: "Preview" }).getByLabel("Request body", { exact: true })).toContainText("<event>");

  await page.getByRole("button", { name: "Disable" }).click();
  await page.getByLabel("Reason (optional)").fill("Moving our receiver");
  await page.getByRole("button", { name: "Disable endpoint" }).click();
  await expect(page.getByTestId("disabled-banner")).toContainText("Moving our receiver");
  await page.goto("/endpoints");
  await expect(page.getByRole("row", { name: /\/manage/ })).toContainText("Disabled");
  await expect(page.getByRole("row", { name: /\/manage/ })).toContainText("Moving our receiver");

  await page.getByRole("button", { name: `Actions for ${RECEIVER_URL}/manage` }).click();
  await page.getByRole("menuitem", { name: "Enable" }).click();
  const enableDialog = page.getByRole("dialog", { name: "Enable this endpoint?" });
  await expect(enableDialog.getByLabel(/Retry everything dead-lettered since it was disabled/)).toBeChecked();
  await enableDialog.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByRole("row", { name: /\/manage/ })).toContainText("Enabled");

  await page.goto(`/endpoints/${id}`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("For the next 24 hours every webhook carries two signatures");
  await page.getByRole("alertdialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByTestId("rotation-overlap")).toContainText("the previous secret also signs every webhook until");
  await expect(page.getByTestId("signing-secret")).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  const actions = await query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "targetId" = $1 ORDER BY "createdAt"`, [id]);
  expect(actions.map((a) => a.action)).toEqual(["endpoint.updated", "endpoint.disabled", "endpoint.enabled", "endpoint.secret_rotated", "endpoint.deleted"]);
});

test("a partner member sees endpoints read-only, and the API refuses their changes", async ({ page }) => {
  const { id } = fixture<{ id: string }>("endpoint", { partner: "UrbanKart", url: `${RECEIVER_URL}/member-view` });
  await signIn(page, USERS.growthMember);
  await page.goto("/endpoints");
  await expect(page.getByRole("row", { name: /member-view/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add endpoint" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  await expect(page.getByText("Read-only: only partner admins can add or change endpoints.")).toBeVisible();
  await page.getByRole("button", { name: `Actions for ${RECEIVER_URL}/member-view` }).click();
  await expect(page.getByRole("menuitem", { name: "Send test event" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /Edit|Disable|Delete/ })).toHaveCount(0);
  await page.keyboard.press("Escape");

  await page.goto(`/endpoints/${id}`);
  await expect(page.getByText("Read-only")).toBeVisible();
  for (const name of ["Edit", "Disable", "Delete", "Reveal", "Rotate secret", "Copy signing secret"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByTestId("signing-secret")).toHaveText(/^whsec_•+$/);
  // Testing changes nothing, so a member (often the developer) may do it.
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByTestId("test-status")).toHaveText("HTTP 200");

  await page.goto("/endpoints/new");
  await expect(page.getByTestId("add-blocked")).toContainText("Only a partner admin can add endpoints");
  const patch = await page.request.patch(`/api/v1/endpoints/${id}`, { data: { enabled: false } });
  expect(patch.status()).toBe(403);
  const create = await page.request.post("/api/v1/endpoints", { data: { url: `${RECEIVER_URL}/member`, event_types: ["delivered"] } });
  expect(create.status()).toBe(403);
  expect((await query<{ enabled: boolean }>(`SELECT enabled FROM "Endpoint" WHERE id = $1`, [id]))[0]!.enabled).toBe(true);
});

test("a partner cannot open another partner's endpoint, by page or API", async ({ page, baseURL }) => {
  const theirs = fixture<{ id: string }>("endpoint", { partner: "Sportsline Retail", url: `${RECEIVER_URL}/sportsline-only` });
  const { key } = fixture<{ key: string }>("partner-key", { partner: "UrbanKart" });
  await signIn(page, USERS.growthAdmin);

  for (const path of [`/endpoints/${theirs.id}`, `/endpoints/${theirs.id}/edit`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByText("sportsline-only")).toHaveCount(0);
  }
  const viaSession = await page.request.get(`/api/v1/endpoints/${theirs.id}`);
  expect(viaSession.status()).toBe(404);
  const viaKey = await fetch(new URL(`/api/v1/endpoints/${theirs.id}/test`, baseURL), {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ event_type: "delivered" }),
  });
  expect(viaKey.status).toBe(404);
  expect(await viaKey.text()).not.toContain("sportsline-only");
  expect(await receiver.requests("/sportsline-only")).toEqual([]);
});
