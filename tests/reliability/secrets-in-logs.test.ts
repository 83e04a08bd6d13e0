import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { genericHeaders, wooHeaders, wooOrder } from "../support/intake";
import { ensureBuild, killHard, startApp, waitFor } from "../support/app-server";

// Runs the real app at debug log level through every path that handles a secret, then greps
// everything it printed for each of those secrets.
const PORT = 3302;

describe("secrets never reach the logs", () => {
  let app: ChildProcess | undefined;
  let receiver: Receiver;
  beforeAll(() => ensureBuild());
  afterAll(async () => {
    if (app) killHard(app);
    await receiver?.close();
  });

  it("prints none of the signing secrets, API keys, signatures or server keys it handled", async () => {
    receiver = await startReceiver();
    const partner = await createPartner({ name: "Log Co" });
    const partnerKey = (await createApiKey({ kind: "partner", name: "logs", partnerId: partner.id })).key;
    const ingestKey = (await createIngestKey(partner.id)).key;
    const logs: string[] = [];
    app = await startApp(PORT, { LOG_LEVEL: "debug" }, logs);
    const call = async (path: string, key: string, body?: unknown, method = "POST") => {
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };

    const created = await call("/api/v1/endpoints", partnerKey, { url: `${receiver.url}/logs`, event_types: ["order_confirmed", "delivered"] });
    expect(created.status).toBe(201);
    const endpointId = (created.json.endpoint as { id: string } | undefined)?.id ?? (created.json.id as string);
    const firstSecret = created.json.secret as string;
    const rotated = await call(`/api/v1/endpoints/${endpointId}/rotate-secret`, partnerKey, {});
    const secondSecret = rotated.json.secret as string;
    expect(firstSecret).toMatch(/^whsec_/);
    expect(secondSecret).toMatch(/^whsec_/);
    expect((await call(`/api/v1/endpoints/${endpointId}/test`, partnerKey, { event_type: "delivered" })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await call("/api/v1/orders", ingestKey, { merchant_order_ref: `LOG-${i}`, customer_id: "c", customer_name: "Zoya", customer_phone: "+919812345678" })).status).toBe(201);
    }
    // Order intake: a source's secret on create and rotate, a signed order, a wrong signature.
    const intake = async (sourceId: string, body: string, headers: Record<string, string>) =>
      (await fetch(`http://127.0.0.1:${PORT}/api/v1/intake/${sourceId}`, { method: "POST", headers, body })).status;
    const source = await call("/api/v1/order-sources", partnerKey, { type: "generic", name: "Log feed", mapping: { merchant_order_ref: "order_id", customer_id: "customer.id", customer_name: "customer.name", customer_phone: "customer.phone" } });
    const sourceSecret = source.json.secret as string;
    const woo = await call("/api/v1/order-sources", partnerKey, { type: "woocommerce", name: "Log shop", secret: "wc_supplied-by-the-shop-0123456789" });
    const sourceBody = JSON.stringify({ order_id: "LOG-INTAKE-1", customer: { id: "c", name: "Zoya", phone: "+919812345678" } });
    const sourceSigned = genericHeaders(sourceSecret, sourceBody);
    expect(await intake(source.json.id as string, sourceBody, sourceSigned)).toBe(201);
    const wooBody = wooOrder();
    const wooSigned = wooHeaders("wc_supplied-by-the-shop-0123456789", wooBody);
    expect(await intake(woo.json.id as string, wooBody, wooSigned)).toBe(201);
    expect(await intake(woo.json.id as string, wooBody, wooHeaders("wc_a-wrong-secret-0123456789abcdef", wooBody))).toBe(401);
    const rotatedSource = (await call(`/api/v1/order-sources/${source.json.id as string}/rotate-secret`, partnerKey, {})).json.secret as string;
    expect(rotatedSource).toMatch(/^whsec_/);
    // Broker destinations: a password written into the URL (refused by RabbitMQ at the test send) and a NATS token.
    const brokerPassword = "broker-Pa55word-never-logged";
    const natsToken = "nats-token-never-logged-0123456789";
    const rabbitEndpoint = await call("/api/v1/endpoints", partnerKey, { url: `amqp://guest:${brokerPassword}@127.0.0.1:5672`, event_types: ["delivered"], destination_type: "rabbitmq", destination: { exchange: "waypoint-logs" } });
    expect(rabbitEndpoint.status).toBe(201);
    const refused = await call(`/api/v1/endpoints/${rabbitEndpoint.json.id as string}/test`, partnerKey, { event_type: "delivered" });
    expect(refused.json).toMatchObject({ success: false, error_class: "broker_auth" });
    const natsEndpoint = await call("/api/v1/endpoints", partnerKey, { url: "nats://127.0.0.1:4222", event_types: ["delivered"], destination_type: "nats", destination: { subject: "wplogs.{event_type}" }, credentials: { token: natsToken } });
    expect(natsEndpoint.status).toBe(201);
    expect((await call(`/api/v1/endpoints/${natsEndpoint.json.id as string}/test`, partnerKey, { event_type: "delivered" })).status).toBe(200);
    const wrongKey = "wp_live_ThisIsNotARealKeyButLooksLikeOne42";
    expect((await call("/api/v1/endpoints", wrongKey, undefined, "GET")).status).toBe(401);
    await waitFor(() => receiver.received.length >= 4, 30_000, "the webhooks");
    await new Promise((r) => setTimeout(r, 500));

    const output = logs.join("");
    expect(output).toContain("delivery engine started"); // the capture works: the app did log
    const signatures = receiver.received.flatMap((r) => String(r.headers["webhook-signature"] ?? "").split(" ").map((s) => s.split(",")[1] ?? ""));
    const secrets = {
      firstSecret,
      firstSecretKeyPart: firstSecret.slice("whsec_".length),
      secondSecret,
      partnerKey,
      ingestKey,
      wrongKey,
      AUTH_SECRET: process.env.AUTH_SECRET!,
      SECRETS_ENCRYPTION_KEY: process.env.SECRETS_ENCRYPTION_KEY!,
      sourceSecret,
      sourceSecretKeyPart: sourceSecret.slice("whsec_".length),
      rotatedSource,
      wooSecret: "wc_supplied-by-the-shop-0123456789",
      wooWrongSecret: "wc_a-wrong-secret-0123456789abcdef",
      brokerPassword,
      natsToken,
      sourceSignature: sourceSigned["webhook-signature"].split(",")[1]!,
      wooSignature: wooSigned["x-wc-webhook-signature"],
      ...Object.fromEntries(signatures.filter(Boolean).map((s, i) => [`signature${i}`, s])),
    };
    const leaked = Object.entries(secrets).filter(([, value]) => value && output.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
    console.log(`secrets in logs: ${Object.keys(secrets).length} secrets checked against ${output.split("\n").length} log lines, 0 found`);
  });
});
