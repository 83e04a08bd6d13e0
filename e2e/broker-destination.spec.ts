import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from "amqplib";
import { Webhook } from "standardwebhooks";
import { expect, test } from "@playwright/test";
import { query, signIn, USERS } from "./support";

// Issue 19: an integration lead whose ERP reads RabbitMQ creates a RabbitMQ destination in the
// endpoint form, sends a test event and sees the broker acknowledge it; the message in their
// queue verifies with the endpoint's signing secret. Uses the machine's RabbitMQ (127.0.0.1:5672).

const RUN = Date.now().toString(36);
const EXCHANGE = `wp-e2e-${RUN}`;
let rabbit: ChannelModel;
let channel: Channel;
const received: ConsumeMessage[] = [];

test.beforeAll(async () => {
  rabbit = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
  channel = await rabbit.createChannel();
  await channel.assertExchange(EXCHANGE, "topic", { durable: false, autoDelete: false });
  const { queue } = await channel.assertQueue("", { exclusive: true });
  await channel.bindQueue(queue, EXCHANGE, "erp.#");
  await channel.consume(queue, (m) => m && (received.push(m), channel.ack(m)));
});
test.afterAll(async () => {
  await channel.deleteExchange(EXCHANGE).catch(() => {});
  await rabbit.close().catch(() => {});
});

test.beforeEach(async () => {
  await query(`DELETE FROM "Endpoint" WHERE "partnerId" = (SELECT id FROM "Partner" WHERE name = $1)`, ["UrbanKart"]);
});

test("creates a RabbitMQ destination, sends a test event and sees it acknowledged", async ({ page }) => {
  await signIn(page, USERS.growthAdmin);
  await page.goto("/endpoints/new");
  await page.getByRole("radio", { name: /RabbitMQ/ }).check();
  await expect(page.getByLabel("RabbitMQ URL")).toBeVisible();

  // A missing exchange is named under its field before anything is saved.
  await page.getByLabel("RabbitMQ URL").fill("amqp://127.0.0.1:5672");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.locator("#exchange-error")).toHaveText("is required (the exchange must already exist)");

  await page.getByLabel("Exchange", { exact: true }).fill(EXCHANGE);
  await page.getByLabel("Routing key", { exact: true }).fill("erp.{event_type}");
  await page.getByLabel("Username", { exact: true }).fill("guest");
  await page.getByLabel("Password", { exact: true }).fill("guest");
  await page.getByLabel("Description (optional)").fill("Orders into our ERP's RabbitMQ");
  await page.getByRole("button", { name: "Create endpoint" }).click();

  await expect(page).toHaveURL(/\/endpoints\/(?!new$)[a-z0-9]+$/);
  const endpointId = page.url().split("/").pop()!;
  await expect(page.getByTestId("destination-summary")).toHaveText("RabbitMQ");
  await expect(page.getByTestId("credentials-summary")).toHaveText('Credentials: user "guest", password stored encrypted');
  const [row] = await query<{ url: string; encryptedCredentials: string; destination: unknown }>(`SELECT url, "encryptedCredentials", destination FROM "Endpoint" WHERE id = $1`, [endpointId]);
  expect(row).toMatchObject({ url: "amqp://127.0.0.1:5672", destination: { exchange: EXCHANGE, routingKey: "erp.{event_type}" } });
  expect(row!.encryptedCredentials).toMatch(/^v1:/);

  // The verification guide is a consumer's: the same headers, read from the AMQP message.
  await expect(page.getByLabel("RabbitMQ consumer verification example", { exact: true })).toContainText("event = wh.verify(body, headers);");
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("signing-secret")).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);
  const secret = (await page.getByTestId("signing-secret").textContent())!;

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByTestId("test-status")).toHaveText("Acknowledged");
  await expect(page.getByTestId("test-result").getByLabel("Response body excerpt")).toContainText(`Confirmed by RabbitMQ: exchange "${EXCHANGE}"`);
  await expect(page.getByRole("table", { name: "Recent test events" })).toContainText("Acknowledged");

  await expect.poll(() => received.length).toBe(1);
  const message = received[0]!;
  expect(message.fields.routingKey).toMatch(/^erp\.[a-z_]+$/);
  const headers = Object.fromEntries(Object.entries(message.properties.headers ?? {}).map(([k, v]) => [k, String(v)]));
  expect(new Webhook(secret).verify(message.content.toString("utf8"), headers)).toMatchObject({ test: true });
});
