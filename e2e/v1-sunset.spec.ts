import { expect, test } from "@playwright/test";
import { fixture, query, RECEIVER_URL, signIn, USERS } from "./support";

// Issue 16: payload v1's end of support, as the people involved see it. A partner with an
// endpoint on v1 sees a banner on every page (when v1 ends, which endpoints to move); support's
// console lists the partner under "Still on payload v1" until the endpoint moves to v2.
// The e2e server runs with the default V1_SUNSET_DATE (2027-11-30), as endpoints.spec.ts expects.

const PARTNER = "UrbanKart";
const SUNSET = "2027-11-30";
/** Whole days left, rounded up, as lib/sunset/policy.ts counts them (read at the same moment as the page, give or take a test). */
const daysLeft = () => Math.max(0, Math.ceil((Date.parse(`${SUNSET}T00:00:00Z`) - Date.now()) / 86_400_000));

test("a partner with a v1 endpoint sees when v1 ends on every page; support lists it as still on v1 until it moves to v2", async ({ page }) => {
  // Its own endpoint: other specs clear UrbanKart's endpoints before they run.
  const url = `${RECEIVER_URL}/v1-sunset-${Date.now().toString(36)}`;
  const { id } = fixture<{ id: string }>("endpoint", { partner: PARTNER, url, schemaVersion: "v1", eventTypes: ["order_confirmed"] });
  const { id: partnerId } = fixture<{ id: string }>("partner-id", { partner: PARTNER });
  try {
    const [{ n: onV1 } = { n: 0 }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Endpoint" WHERE "partnerId" = $1 AND "schemaVersion" = 'v1'`, [partnerId]);
    await signIn(page, USERS.growthAdmin);
    const banner = page.getByTestId("v1-sunset-banner");
    const left = daysLeft();
    // A year or so ahead: the plain (not yet urgent) banner, with the date and the days left.
    await expect(banner).toContainText(new RegExp(`Webhook payload v1 ends on 30 Nov 2027 \\((${left}|${left - 1}) days\\)`));
    await expect(banner).toContainText(onV1 === 1 ? "One endpoint still receives v1" : `${onV1} endpoints still receive v1`);
    await expect(banner).toContainText("Switch");
    const link = banner.getByRole("link", { name: url });
    await expect(link).toHaveAttribute("href", `/endpoints/${id}/edit`);
    // Every dashboard page, not only the overview.
    await page.goto("/orders");
    await expect(banner.getByRole("link", { name: url })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, USERS.support);
    await page.goto("/support");
    const stillOnV1 = page.getByRole("table", { name: "Partners still on v1" });
    const row = stillOnV1.getByTestId(`v1-partner-${partnerId}`);
    await expect(row).toContainText(PARTNER);
    await expect(row).toContainText("growth");
    await expect(row).toContainText(url);
    // More than 90 days ahead: no notice has gone out yet.
    await expect(row).toContainText("none yet");
    await expect(page.getByText("v1 ends on 30 Nov 2027.")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();

    // The partner follows the banner's link and moves the endpoint to v2: the banner no longer names it.
    await signIn(page, USERS.growthAdmin);
    await page.getByTestId("v1-sunset-banner").getByRole("link", { name: url }).click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/${id}/edit$`));
    await page.getByLabel("v2 (current)").check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/${id}$`));
    await expect(page.getByTestId("v1-end-of-support")).toHaveCount(0);
    await expect(page.getByTestId("v1-sunset-banner").getByRole("link", { name: url })).toHaveCount(0);
    if (onV1 === 1) await expect(page.getByTestId("v1-sunset-banner")).toHaveCount(0);
    await page.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, USERS.support);
    await page.goto("/support");
    await expect(page.getByRole("table", { name: "Partners still on v1" }).getByText(url)).toHaveCount(0);
    if (onV1 === 1) await expect(page.getByTestId(`v1-partner-${partnerId}`)).toHaveCount(0);
  } finally {
    await query(`DELETE FROM "Endpoint" WHERE id = $1`, [id]);
  }
});
