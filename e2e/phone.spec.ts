import { expect, test } from "@playwright/test";
import { fixture, ingest, signIn, USERS } from "./support";

// The SMB merchant on a phone (390 px): "where is my order?" from the menu to a copied tracking link.

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test("on a phone the menu opens from a button, pages fit the screen and the tracking link is copied", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { key } = fixture<{ key: string }>("ingest-key", { partner: "Kettle & Crumb" });
  const ref = `PHONE-${Date.now().toString(36)}`;
  const created = await ingest(baseURL!, key, "/api/v1/orders", { merchant_order_ref: ref, customer_id: "c-phone", customer_name: "Meera Shah", customer_phone: "+919811177031" });
  expect(created.status).toBe(201);

  await signIn(page, USERS.smbAdmin);
  // The sidebar is not squeezing the page: the main content uses (almost) the whole width.
  const main = page.getByRole("main");
  expect((await main.boundingBox())!.width).toBeGreaterThan(360);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden(); // the sheet closed itself
  await page.getByLabel("Search orders").fill("77031");
  await expect(page).toHaveURL(/[?&]q=77031/);
  await page.getByRole("link", { name: ref }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ref}` })).toBeVisible();
  // Nothing overflows the viewport sideways (tables scroll inside their own box).
  const fit = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    // What sticks out, if anything: named in the failure message.
    wide: [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 391).slice(-3).map((e) => e.outerHTML.slice(0, 160)),
  }));
  expect(fit.width, fit.wide.join("\n")).toBeLessThanOrEqual(390);
  const link = page.getByRole("textbox", { name: "Tracking link" });
  await expect(link).toHaveValue(new RegExp(`${baseURL}/t/`));
  await page.getByRole("button", { name: /Copy tracking link/i }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
});
