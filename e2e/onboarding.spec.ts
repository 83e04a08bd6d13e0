import { expect, test, type Browser, type Page } from "@playwright/test";
import { latestMail } from "./mailbox";
import { RECEIVER_URL } from "./support";
import { startFreshDeployment, type FreshDeployment } from "./fresh-deployment";
import { receiver } from "./receiver";

// Story: from an empty production database to a partner live, with nobody touching the database.
// Support bootstraps from the command line, creates the partner and invites its admin; the admin
// (from the invite mail) invites a teammate, adds an endpoint and passes the endpoint check; the
// first real order event completes the checklist; support sees the funnel.

test.describe.configure({ mode: "serial" });

const PORT = Number(process.env.E2E_FRESH_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 91);
const STRONG = { support: "harbour-violet-quartz-31", admin: "maple-comet-lantern-58", member: "river-basalt-tango-64" };
const stamp = Date.now().toString(36);
const PEOPLE = { support: `ops-${stamp}@waypoint.test`, admin: `lead-${stamp}@freshbasket.test`, member: `dev-${stamp}@freshbasket.test` };
const HOOK_PATH = `/fresh-${stamp}`;

let app: FreshDeployment;
let supportPage: Page;
let adminPage: Page;

async function pageFor(browser: Browser) {
  const context = await browser.newContext({ baseURL: app.baseURL });
  return context.newPage();
}

/** Follows the link a mail carries, as the person would by clicking it. */
async function linkIn(to: string, pathPart: string) {
  const mail = await latestMail(to);
  const link = mail.links.find((l) => l.includes(pathPart));
  expect(link, `a ${pathPart} link in "${mail.subject}"`).toBeTruthy();
  return { mail, link: link! };
}

test.beforeAll(async () => {
  app = await startFreshDeployment(PORT);
});
test.afterAll(async () => {
  await app?.stop();
});

test("support bootstraps an empty deployment and a partner goes live without anyone touching the database", async ({ browser }) => {
  test.setTimeout(180_000);
  // 1. The first support user, from the command line: a one-time link, no password in the shell.
  const created = app.cli("scripts/create-support.ts", ["--email", PEOPLE.support, "--name", "Olu Ops"]);
  expect(created.status, created.stderr).toBe(0);
  const setPassword = /(http\S+\/reset-password\/\S+)/.exec(created.stdout)?.[1];
  expect(setPassword, created.stdout).toBeTruthy();
  const again = app.cli("scripts/create-support.ts", ["--email", PEOPLE.support, "--name", "Olu Ops"]);
  expect(`${again.stdout}${again.stderr}`).toMatch(/already/i);

  supportPage = await pageFor(browser);
  await supportPage.goto(setPassword!);
  await supportPage.getByLabel("New password", { exact: true }).fill(STRONG.support);
  await supportPage.getByLabel("Confirm new password").fill(STRONG.support);
  await supportPage.getByRole("button", { name: /Save password/ }).click();
  // No partner exists yet: support lands where the first one is created.
  await expect(supportPage).toHaveURL(/\/support\/partners$/);
  await expect(supportPage.getByText("No partners yet. Create the first one above.")).toBeVisible();

  // 2. Support creates the partner and invites its first admin.
  await supportPage.getByLabel("Partner name").fill("Fresh Basket");
  await supportPage.getByLabel("Tier", { exact: true }).selectOption("growth");
  await supportPage.getByLabel("First admin's email").fill(PEOPLE.admin);
  await supportPage.getByRole("button", { name: "Create partner" }).click();
  await expect(supportPage.getByRole("table", { name: "Onboarding funnel" }).getByRole("row", { name: /Fresh Basket/ })).toBeVisible();

  // 3. The admin accepts from the mail that actually arrived over SMTP.
  const invite = await linkIn(PEOPLE.admin, "/invite/");
  expect(invite.mail.subject).toContain("Fresh Basket");
  adminPage = await pageFor(browser);
  await adminPage.goto(invite.link);
  await expect(adminPage.getByRole("heading", { name: "Join Fresh Basket" })).toBeVisible();
  await adminPage.getByLabel("Your name").fill("Asha Lead");
  await adminPage.getByLabel("Password", { exact: true }).fill("password123");
  await adminPage.getByLabel("Confirm password").fill("password123");
  await adminPage.getByRole("button", { name: "Create account" }).click();
  await expect(adminPage.locator("#password-error")).toContainText(/common|guess|word/i);
  await adminPage.getByLabel("Password", { exact: true }).fill(STRONG.admin);
  await adminPage.getByLabel("Confirm password").fill(STRONG.admin);
  await adminPage.getByRole("button", { name: "Create account" }).click();
  await expect(adminPage).toHaveURL(/\/overview$/);
  await expect(adminPage.getByTestId("onboarding-progress")).toHaveText("0 of 5 steps done.");
  // The link is single-use.
  const reused = await pageFor(browser);
  await reused.goto(invite.link);
  await expect(reused.getByTestId("link-problem")).toHaveText("This link has already been used.");

  // 4. The admin invites a teammate: a second mail.
  await adminPage.goto("/settings/team");
  await adminPage.getByLabel("Email").fill(PEOPLE.member);
  await adminPage.getByRole("button", { name: "Send invite" }).click();
  await expect(adminPage.getByRole("table", { name: "Pending invitations" })).toContainText(PEOPLE.member);
  const memberInvite = await linkIn(PEOPLE.member, "/invite/");
  expect(memberInvite.mail.subject).toContain("Fresh Basket");

  // 5. Endpoint, secret, test event, endpoint check against a receiver that verifies signatures.
  await adminPage.goto("/overview");
  await adminPage.getByRole("link", { name: "Add an endpoint" }).click();
  await adminPage.getByLabel("Endpoint URL").fill(`${RECEIVER_URL}${HOOK_PATH}`);
  await adminPage.getByRole("button", { name: "Create endpoint" }).click();
  await expect(adminPage).toHaveURL(/\/endpoints\/(?!new$)[a-z0-9]+$/);
  await adminPage.getByRole("button", { name: "Reveal" }).click();
  const secretBox = adminPage.getByTestId("signing-secret");
  await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);
  await receiver.trust((await secretBox.textContent())!);
  await receiver.mode(HOOK_PATH, { kind: "ok" }, { verify: true });
  await adminPage.getByRole("button", { name: "Send test event" }).click();
  await expect(adminPage.getByTestId("test-status")).toContainText("HTTP 200");
  await adminPage.getByRole("button", { name: "Run endpoint check" }).click();
  await expect(adminPage.getByText("Endpoint check passed")).toBeVisible();
  await adminPage.goto("/overview");
  await expect(adminPage.getByTestId("onboarding-progress")).toHaveText("4 of 5 steps done.");

  // 6. Support gives the OMS its ingest key; the first real order event is delivered.
  await supportPage.goto("/settings");
  await supportPage.getByRole("button", { name: "Create ingest key" }).click();
  await supportPage.getByLabel("Key name").fill("Fresh Basket OMS");
  await supportPage.getByRole("button", { name: "Create key" }).click();
  const key = await supportPage.getByLabel(/New key/).inputValue();
  const created201 = await fetch(`${app.baseURL}/api/v1/orders`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ merchant_order_ref: `FB-${stamp}`, customer_id: "c-1", customer_name: "Diya", customer_phone: "+919812345678" }),
  });
  expect(created201.status).toBe(201);
  await expect(async () => {
    await adminPage.goto("/overview");
    await expect(adminPage.getByTestId("onboarding-progress")).toContainText("Every step is done", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(adminPage.getByRole("heading", { name: "You're live" })).toBeVisible();

  // 7. Support reads the funnel: invite → accepted → check passed → first live delivery.
  await supportPage.goto("/support/partners");
  await expect(supportPage.getByTestId("funnel-total-Fresh Basket")).toHaveText(/min|h|d/);
  await expect(supportPage.getByTestId("funnel-median")).toContainText("over 1 partner");
});

test("a removed member's open session ends on their next click; the last admin can't be removed", async ({ browser }) => {
  test.skip(!adminPage, "needs the partner from the journey above");
  const memberInvite = await linkIn(PEOPLE.member, "/invite/");
  const memberPage = await pageFor(browser);
  await memberPage.goto(memberInvite.link);
  await memberPage.getByLabel("Your name").fill("Dev Member");
  await memberPage.getByLabel("Password", { exact: true }).fill(STRONG.member);
  await memberPage.getByLabel("Confirm password").fill(STRONG.member);
  await memberPage.getByRole("button", { name: "Create account" }).click();
  await expect(memberPage).toHaveURL(/\/overview$/);
  // Members see the team but cannot change it.
  await memberPage.goto("/settings/team");
  await expect(memberPage.getByRole("button", { name: "Send invite" })).toHaveCount(0);

  await adminPage.goto("/settings/team");
  const members = adminPage.getByRole("table", { name: "Team members" });
  await expect(members).toContainText(PEOPLE.member);
  // The last admin: refused with the reason, nothing changes.
  await adminPage.getByRole("button", { name: `Remove ${PEOPLE.admin}` }).click();
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(adminPage.getByText(/is the last admin/)).toBeVisible();
  await adminPage.getByRole("button", { name: `Remove ${PEOPLE.member}` }).click();
  await adminPage.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(members).not.toContainText(PEOPLE.member);

  // The member's session was valid a moment ago; their next click signs them out.
  await memberPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Event Log" }).click();
  await expect(memberPage).toHaveURL(/\/login/);
  await memberPage.goto("/overview");
  await expect(memberPage).toHaveURL(/\/login/);
});
