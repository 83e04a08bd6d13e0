import { expect, test } from "@playwright/test";
import { fixture, ingest, signIn, USERS } from "./support";

// Issue 11 against the production build: the brand files in public/ and the page head, a
// partner admin's logo upload (refused SVG, accepted PNG) shown on the customer's tracking page
// and served with the safe headers by the real server, the v2 JSON Schema linked from the
// Endpoints page, and an event's sequence in the Event Log detail.

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

test("favicon, logo and share image are served, and the page head points at them", async ({ page, request, baseURL }) => {
  for (const [path, type] of [
    ["/favicon.ico", "image/x-icon"],
    ["/favicon.svg", "image/svg+xml"],
    ["/logo.svg", "image/svg+xml"],
    ["/logo.png", "image/png"],
    ["/og.png", "image/png"],
    ["/apple-touch-icon.png", "image/png"],
  ]) {
    const res = await request.get(path!);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toContain(type);
  }
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", `${baseURL}/og.png`);
  await expect(page.locator('[data-slot="waypoint-logo"]')).toContainText("Waypoint");
});

test("a partner admin's logo: SVG refused, PNG shown on the tracking page and served as an image only", async ({ page, browser, request, baseURL }) => {
  await signIn(page, USERS.smbAdmin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tracking & SMS" }).click();
  const picker = page.getByLabel("Upload a logo");

  await picker.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("SVG logos are not accepted, because an SVG file can carry scripts.")).toBeVisible();

  await picker.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("Logo saved.")).toBeVisible();
  const preview = page.getByRole("img", { name: "Kettle & Crumb logo" });
  await expect(preview).toBeVisible();
  const logoUrl = (await preview.getAttribute("src"))!;
  expect(logoUrl).toMatch(/^\/logos\/logo_[\w-]{22}$/);

  const served = await request.get(logoUrl);
  expect(served.status()).toBe(200);
  expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");

  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Kettle & Crumb" });
  const ref = `LOGO-${Date.now().toString(36)}`;
  const created = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: ref, customer_id: `c-${ref}`, customer_name: "Meera Nair", customer_phone: "+919812317790" });
  expect(created.status).toBe(201);
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(created.json.tracking_url);
  await expect(customer.getByRole("img", { name: "Kettle & Crumb logo" })).toHaveAttribute("src", logoUrl);

  // The event's place in its order, in the Event Log detail.
  await page.goto(`/events/${created.json.event.event_id}`);
  await expect(page.getByText("#1 for this order")).toBeVisible();

  // Leave the seed's partner as it was for other specs.
  await page.goto("/tracking");
  await page.getByRole("button", { name: "Remove logo" }).click();
  await expect(page.getByText("Logo removed")).toBeVisible();
  expect((await request.get(logoUrl)).status()).toBe(404);
});

test("the Endpoints page links the v2 JSON Schema, which the app serves", async ({ page, request }) => {
  await signIn(page, USERS.growthAdmin);
  await page.goto("/endpoints");
  const link = page.getByRole("link", { name: "JSON Schema of v2 events" });
  await expect(link).toHaveAttribute("href", "/api/v1/schemas/event-v2.json");
  const res = await request.get("/api/v1/schemas/event-v2.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/schema+json");
  const schema = await res.json();
  expect(schema.required).toEqual(expect.arrayContaining(["rider", "sequence"]));
  expect(schema.properties.rider.type).toBe("object");
});
