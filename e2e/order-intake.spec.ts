import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { query, signIn, USERS } from "./support";

// A partner admin connects a generic sales channel: adds the source, copies its intake URL and
// once-shown secret, pastes a sample of the channel's JSON, maps the order fields with the live
// preview, and the channel's signed POST to the intake URL becomes an order with an intake entry.

const run = Date.now().toString(36);
const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../tests/fixtures/intake/generic-order.json"), "utf8");

/** Standard Webhooks, as the channel signs: HMAC-SHA256 of "{id}.{timestamp}.{body}" with the base64 key after whsec_. */
function sign(secret: string, body: string) {
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64")).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}`, "content-type": "application/json" };
}

test("a generic order source: create, copy URL and secret, map fields with the live preview, post an order, find it and its intake entry", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = `Marketplace ${run}`;
  const ref = `MKT-${run}`;
  await signIn(page, USERS.growthAdmin);
  await page.goto("/settings/order-sources");
  await expect(page.getByRole("link", { name: "Order sources" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Add order source" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Type").selectOption("generic");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Add source" }).click();
  const urlField = dialog.getByTestId("new-source-url");
  await expect(urlField).toHaveValue(/\/api\/v1\/intake\/src_[\w-]{27}$/);
  const secretField = dialog.getByTestId("new-source-secret");
  await expect(secretField).toHaveValue(/^whsec_/);
  await expect(dialog.getByText("The secret is shown only now")).toBeVisible();
  const intakeUrl = await urlField.inputValue();
  const secret = await secretField.inputValue();
  await dialog.getByRole("button", { name: "Copy intake url" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(intakeUrl);
  await dialog.getByRole("button", { name: "Copy secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toHaveCount(0);
  await page.reload();
  expect(await page.content()).not.toContain(secret);

  const sourceId = intakeUrl.split("/").pop()!;
  const card = page.getByTestId(`order-source-${sourceId}`);
  await expect(card).toContainText(name);
  const editor = card.getByTestId(`mapping-editor-${sourceId}`);
  const sample = SAMPLE.replace("MKT-88213", ref);
  await editor.getByLabel("Sample payload").fill(sample);
  // The default mapping finds nothing in this channel's shape: the preview says what intake would answer.
  await expect(editor.getByTestId("mapping-preview")).toContainText("Rejected with 422: merchant_order_ref: missing (no value at order_id)");

  await editor.getByLabel("Order ref").fill("data.order.ref");
  await expect(editor.getByTestId("preview-merchant_order_ref")).toHaveText(`→ ${ref}`);
  await editor.getByLabel("Customer id").fill("data.buyer.uid");
  await editor.getByLabel("Customer name").fill("data.buyer.first_name + data.buyer.last_name");
  await expect(editor.getByTestId("preview-customer_name")).toHaveText("→ Kavya Iyer");
  await editor.getByLabel("Customer phone").fill("data.shipping.phone | data.billing.phone");
  await expect(editor.getByTestId("preview-customer_phone")).toHaveText("→ +91 99000 12345");
  await editor.getByLabel("Placed at (optional)").fill("data.order.placed_at");
  const preview = editor.getByTestId("mapping-preview");
  await expect(preview).toContainText("Accepted: the order Waypoint would create");
  await expect(preview).toContainText('"customer_phone": "+919900012345"');
  await editor.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Mapping saved.")).toBeVisible();

  // The channel posts the same order to the intake URL, signed with the secret.
  const body = sample.replace("2026-05-01T14:20:00+05:30", new Date().toISOString());
  const res = await request.post(new URL(intakeUrl).pathname, { data: body, headers: sign(secret, body) });
  expect(res.status()).toBe(201);
  const answer = (await res.json()) as { order_id: string; outcome: string };
  expect(answer.outcome).toBe("accepted");
  const [order] = await query<{ merchantOrderRef: string; customerPhone: string; source: string }>(`SELECT "merchantOrderRef", "customerPhone", source FROM "Order" WHERE id = $1`, [answer.order_id]);
  expect(order).toEqual({ merchantOrderRef: ref, customerPhone: "+919900012345", source: "generic" });

  // A wrong signature is refused and shows in the log as well.
  expect((await request.post(new URL(intakeUrl).pathname, { data: body, headers: sign("whsec_d3JvbmctLXdyb25nLS13cm9uZy0td3Jvbmc=", body) })).status()).toBe(401);

  await card.getByRole("link", { name: "Intake log" }).click();
  await expect(page.getByRole("heading", { name: "Intake Log", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/intake\\?source=${sourceId}`));
  const entries = page.getByTestId("intake-entries");
  const accepted = entries.getByRole("row", { name: new RegExp(`accepted.*${ref}`) });
  await expect(accepted).toBeVisible();
  await expect(entries.getByRole("row", { name: /unauthorized/ })).toContainText("No v1 signature");
  await expect(page.getByTestId("failure-groups")).toContainText("signature_invalid");
  await accepted.getByRole("button", { name: "View" }).click();
  await expect(page.getByRole("dialog")).toContainText("signature verified");
  await expect(page.getByRole("dialog")).toContainText("webhook-signature: [removed]");
  await page.keyboard.press("Escape");
  await accepted.getByRole("link", { name: ref }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${answer.order_id}$`));
  await expect(page.getByText(ref).first()).toBeVisible();
  await expect(page.getByText(/Kavya Iyer · \+91 99xxx xx345 · created .* · from Generic JSON/)).toBeVisible();
  // The sidebar leads to the same log.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Intake Log" }).click();
  await expect(page.getByTestId("intake-entries")).toContainText(ref);
});
