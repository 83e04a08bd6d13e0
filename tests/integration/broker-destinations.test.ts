import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from "amqplib";
import { connect as natsConnect, nanos, type JetStreamManager, type JsMsg, type NatsConnection } from "nats";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { DELETE as deleteEndpointRoute, GET as getEndpointRoute, PATCH as patchEndpointRoute } from "@/app/api/v1/endpoints/[endpointId]/route";
import { POST as createEndpointRoute } from "@/app/api/v1/endpoints/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { AUTO_DISABLE } from "@/lib/delivery/auto-disable";
import { getHealthReport } from "@/lib/health/get-health-report";
import { closeAllDestinations } from "@/lib/delivery/destinations/registry";
import { natsPool } from "@/lib/delivery/destinations/nats";
import { rabbitmqPool } from "@/lib/delivery/destinations/rabbitmq";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { retryDeliveryIds } from "@/lib/delivery/retry";
import { toApiEndpoint } from "@/lib/endpoints/api-shape";
import { BROKER_WRONG_SIGNATURE_MESSAGE } from "@/lib/endpoints/broker-check-rules";
import { runEndpointCheck } from "@/lib/endpoints/check-endpoint";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { getEndpoint } from "@/lib/endpoints/get-endpoints";
import type { EndpointFields } from "@/lib/endpoints/rules";
import { sendTestEvent } from "@/lib/endpoints/send-test-event";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { startTcpProxy } from "../support/tcp-proxy";

// Broker destinations against the real RabbitMQ (127.0.0.1:5672) and NATS JetStream
// (127.0.0.1:4222) of this machine and CI (.ci/run starts them), plus a NATS server with
// authentication started here. Consumers verify every message with the stock standardwebhooks
// library, from the message headers, exactly as an HTTP receiver verifies a request.

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672";
const actor = { id: null, email: "integration test" };
const ALL = [...EVENT_TYPES];

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

let rabbit: ChannelModel;
let channel: Channel;
let nc: NatsConnection;
let jsm: JetStreamManager;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  rabbit = await amqp.connect(RABBIT_URL);
  channel = await rabbit.createChannel();
  nc = await natsConnect({ servers: "127.0.0.1:4222" });
  jsm = await nc.jetstreamManager();
});
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean().catch(() => {});
  await closeAllDestinations();
  await rabbit.close().catch(() => {});
  await nc.close();
});

/** A durable topic exchange with a queue bound to every key; returns what arrives. */
async function rabbitExchange(name: string, opts: { bind?: boolean } = {}) {
  await channel.assertExchange(name, "topic", { durable: true });
  cleanups.push(() => channel.deleteExchange(name));
  const received: ConsumeMessage[] = [];
  if (opts.bind === false) return { name, received, queue: null };
  const queue = `${name}.q`;
  await channel.assertQueue(queue, { durable: true });
  cleanups.push(() => channel.deleteQueue(queue));
  await channel.bindQueue(queue, name, "#");
  await channel.consume(queue, (m) => m && (received.push(m), channel.ack(m)));
  return { name, received, queue };
}

/** A JetStream stream over `prefix.>` with a 2-minute duplicate window; returns what it stores. */
async function natsStream(prefix: string) {
  const name = prefix.toUpperCase().replace(/[^A-Z0-9]/g, "_");
  await jsm.streams.add({ name, subjects: [`${prefix}.>`], duplicate_window: nanos(120_000) });
  cleanups.push(() => jsm.streams.delete(name));
  return { name, messages: () => storedMessages(name) };
}

async function storedMessages(stream: string): Promise<JsMsg[]> {
  const info = await jsm.streams.info(stream);
  const consumer = await nc.jetstream().consumers.get(stream);
  const out: JsMsg[] = [];
  if (info.state.messages === 0) return out;
  const batch = await consumer.fetch({ max_messages: info.state.messages, expires: 2000 });
  for await (const m of batch) {
    out.push(m);
    if (out.length === info.state.messages) break;
  }
  return out;
}

/** Headers as a stock verifier takes them, from an AMQP message or a JetStream message. */
const amqpHeaders = (m: ConsumeMessage) => Object.fromEntries(Object.entries(m.properties.headers ?? {}).map(([k, v]) => [k, String(v)]));
const natsHeaders = (m: JsMsg) => ({ "webhook-id": m.headers!.get("webhook-id"), "webhook-timestamp": m.headers!.get("webhook-timestamp"), "webhook-signature": m.headers!.get("webhook-signature") });

async function brokerEndpoint(partnerId: string, fields: Partial<EndpointFields> & Pick<EndpointFields, "url" | "destinationType" | "destination">) {
  return createEndpoint(partnerId, { description: "", eventTypes: ALL, format: "json", schemaVersion: "v2", rateLimitPerSecond: null, ...fields }, actor);
}

/** One real order through every event type (order_confirmed … return_initiated), through the API. */
async function orderThroughEveryEvent(partnerId: string) {
  const key = (await createIngestKey(partnerId)).key;
  const created = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `BRK-${RUN}-${Math.random()}`, customer_id: "c1", customer_name: "Diya", customer_phone: "+919812345678" } });
  expect(created.status).toBe(201);
  const orderId = created.json.order_id as string;
  const steps = [
    { event: "out_for_delivery", rider: { name: "Rajesh Kumar", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } },
    { event: "delivery_failed", reason_code: "customer_unavailable" },
    { event: "out_for_delivery", rider: { name: "Meena", phone: "+919000000123" }, otp: "1234", eta_window: { from: "2026-05-02T10:00:00+05:30", to: "2026-05-02T11:00:00+05:30" } },
    { event: "delivered", confirmation_method: "otp" },
    { event: "return_initiated", reason_code: "size_mismatch", condition: "unopened" },
  ];
  for (const body of steps) expect((await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body })).status).toBe(201);
  return db.orderEvent.findMany({ where: { orderId }, orderBy: { sequence: "asc" } });
}

async function oneOrder(partnerId: string) {
  const key = (await createIngestKey(partnerId)).key;
  const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `BRK-${RUN}-${Math.random()}`, customer_id: "c1", customer_name: "Diya", customer_phone: "+919812345678" } });
  expect(res.status).toBe(201);
  return res.json.event.event_id as string;
}

let engine: EmbeddedEngine | undefined;
const startEngine = async () => {
  engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 100 });
  await engine.start();
};
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

const deliveryOf = (eventId: string, endpointId: string) => db.delivery.findUniqueOrThrow({ where: { eventId_endpointId: { eventId, endpointId } } });
const attemptsOf = (deliveryId: string) => db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { startedAt: "asc" } });

describe("broker destinations: delivery", () => {
  it("delivers every event type of a real order into RabbitMQ and NATS JetStream, signed so a stock verifier accepts the headers", async () => {
    const partner = await createPartner();
    const exchange = await rabbitExchange(`wp-it-${RUN}-all`);
    const stream = await natsStream(`wpit${RUN}all`);
    const toRabbit = await brokerEndpoint(partner.id, { url: RABBIT_URL, destinationType: "rabbitmq", destination: { exchange: exchange.name, routingKey: "orders.{event_type}" } });
    // NATS gets the v1 XML rendering: every format and version travels the same way.
    const toNats = await brokerEndpoint(partner.id, { url: "nats://127.0.0.1:4222", destinationType: "nats", destination: { subject: `wpit${RUN}all.{event_type}` }, format: "xml", schemaVersion: "v1" });
    await startEngine();

    const events = await orderThroughEveryEvent(partner.id);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(ALL));
    await waitFor(() => exchange.received.length === events.length, 15_000, "every event in the RabbitMQ queue");
    await waitFor(async () => (await jsm.streams.info(stream.name)).state.messages === events.length, 15_000, "every event in the JetStream stream");

    const rabbitVerifier = new Webhook(toRabbit.secret);
    for (const [i, m] of exchange.received.entries()) {
      const event = events[i]!;
      expect(m.fields.routingKey).toBe(`orders.${event.type}`);
      expect(m.properties).toMatchObject({ messageId: event.id, type: event.type, deliveryMode: 2, contentType: "application/json", appId: "waypoint" });
      const verified = rabbitVerifier.verify(m.content.toString("utf8"), amqpHeaders(m)) as { event_id: string; event: string };
      expect(verified).toMatchObject({ event_id: event.id, event: event.type });
    }

    const natsVerifier = new Webhook(toNats.secret);
    const stored = await stream.messages();
    expect(stored.map((m) => m.subject)).toEqual(events.map((e) => `wpit${RUN}all.${e.type}`));
    for (const [i, m] of stored.entries()) {
      expect(m.headers!.get("Nats-Msg-Id")).toBe(events[i]!.id);
      expect(m.headers!.get("Content-Type")).toMatch(/^application\/xml/);
      const body = new TextDecoder().decode(m.data);
      expect(body).toContain(`<event>${events[i]!.type}</event>`); // v1 XML
      // XML: the stock verifier checks the signature without parsing the body as JSON.
      expect(() => natsVerifier.verify(body, natsHeaders(m) as Record<string, string>, { jsonParse: false })).not.toThrow();
      expect(() => natsVerifier.verify(`${body} `, natsHeaders(m) as Record<string, string>, { jsonParse: false })).toThrow(/No matching signature/);
    }

    for (const e of events) {
      for (const endpoint of [toRabbit.endpoint, toNats.endpoint]) {
        await waitFor(async () => (await deliveryOf(e.id, endpoint.id)).status === "delivered", 5_000, "delivered status");
      }
    }
    const [rabbitAttempt] = await attemptsOf((await deliveryOf(events[0]!.id, toRabbit.endpoint.id)).id);
    expect(rabbitAttempt).toMatchObject({ success: true, statusCode: null, errorClass: null, responseExcerpt: expect.stringContaining("Confirmed by RabbitMQ") });
    const [natsAttempt] = await attemptsOf((await deliveryOf(events[0]!.id, toNats.endpoint.id)).id);
    expect(JSON.parse(natsAttempt!.responseExcerpt!)).toMatchObject({ stream: stream.name, seq: 1, duplicate: false });
    // One connection per destination carried all of it.
    expect(rabbitmqPool.isOpen(toRabbit.endpoint.id) && natsPool.isOpen(toNats.endpoint.id)).toBe(true);
  });

  it("keeps credentials out of the stored URL, the API and the audit log; sealed at rest; closes the connection when disabled", async () => {
    const partner = await createPartner();
    const exchange = await rabbitExchange(`wp-it-${RUN}-creds`);
    const { endpoint } = await brokerEndpoint(partner.id, { url: RABBIT_URL, destinationType: "rabbitmq", destination: { exchange: exchange.name } });
    const row = await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ url: "amqp://127.0.0.1:5672", destinationType: "rabbitmq", destination: { exchange: exchange.name, routingKey: "waypoint.{event_type}" } });
    expect(row.encryptedCredentials).toMatch(/^v1:/);
    const json = JSON.stringify(toApiEndpoint(await getEndpoint(partner.id, endpoint.id)));
    expect(json).toContain('"credentials":{"kind":"password","username":"guest"}');
    expect(json).not.toMatch(/guest:guest|"password":"guest"/);
    const audit = await db.auditLog.findMany({ where: { partnerId: partner.id } });
    expect(JSON.stringify(audit)).not.toMatch(/guest:guest|"password"/);

    // Connection reuse: three test sends, one connection.
    const opened = rabbitmqPool.opened;
    for (let i = 0; i < 3; i++) expect((await sendTestEvent(partner.id, endpoint.id, { eventType: "delivered" }, actor)).success).toBe(true);
    expect(rabbitmqPool.opened - opened).toBe(1);
    await updateEndpoint(partner.id, endpoint.id, { enabled: false, disabledReason: "maintenance" }, actor);
    expect(rabbitmqPool.isOpen(endpoint.id)).toBe(false);

    // A private address outside the allow-list is refused when saved, before any connection.
    await expect(updateEndpoint(partner.id, endpoint.id, { url: "amqp://10.20.30.40:5672" }, actor)).rejects.toThrow(/url: 10\.20\.30\.40 is a private address/);
    // …and at connect time, should one be stored anyway (DNS could change after saving).
    await db.endpoint.update({ where: { id: endpoint.id }, data: { url: "amqp://10.20.30.40:5672" } });
    const blocked = await sendTestEvent(partner.id, endpoint.id, { eventType: "delivered" }, actor);
    expect(blocked).toMatchObject({ success: false, errorClass: "ssrf_blocked", errorMessage: expect.stringContaining("10.20.30.40 is a private address") });
  });
});

describe("broker destinations: letting go of the connection", () => {
  // Through a TCP proxy in front of the broker, which sees the connection as the broker does.
  it.each(["rabbitmq", "nats"] as const)("%s: deleting the endpoint through the API closes its broker connection", async (type) => {
    const partner = await createPartner();
    const { key } = await createApiKey({ kind: "partner", name: "automation", partnerId: partner.id });
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: type === "rabbitmq" ? 5672 : 4222 });
    cleanups.push(() => proxy.close());
    const pool = type === "rabbitmq" ? rabbitmqPool : natsPool;
    let endpointId: string;
    if (type === "rabbitmq") {
      const exchange = await rabbitExchange(`wp-it-${RUN}-delete`);
      endpointId = (await brokerEndpoint(partner.id, { url: `amqp://guest:guest@127.0.0.1:${proxy.port}`, destinationType: "rabbitmq", destination: { exchange: exchange.name } })).endpoint.id;
    } else {
      const prefix = `wpit${RUN}delete`;
      await natsStream(prefix);
      endpointId = (await brokerEndpoint(partner.id, { url: `nats://127.0.0.1:${proxy.port}`, destinationType: "nats", destination: { subject: `${prefix}.{event_type}` } })).endpoint.id;
    }
    for (let i = 0; i < 2; i++) expect((await sendTestEvent(partner.id, endpointId, { eventType: "delivered" }, actor)).success).toBe(true);
    expect(proxy.connections()).toBe(1); // one connection, kept open for the next delivery
    expect(pool.isOpen(endpointId)).toBe(true);

    const deleted = await callRoute(deleteEndpointRoute, { method: "DELETE", path: `/api/v1/endpoints/${endpointId}`, key, params: { endpointId } });
    expect(deleted).toMatchObject({ status: 200, json: { id: endpointId, deleted: true } });
    expect(pool.isOpen(endpointId)).toBe(false);
    await waitFor(() => proxy.connections() === 0, 5_000, "the broker connection to close");
    expect(await db.endpoint.count({ where: { id: endpointId } })).toBe(0);
  });
});

describe("broker destinations: the partner API", () => {
  it("registers a RabbitMQ destination with credentials in the URL, shows them never, and names bad fields", async () => {
    const partner = await createPartner();
    const exchange = await rabbitExchange(`wp-it-${RUN}-api`);
    const { key } = await createApiKey({ kind: "partner", name: "automation", partnerId: partner.id });
    const created = await callRoute(createEndpointRoute, {
      path: "/api/v1/endpoints",
      key,
      body: { url: "amqp://guest:guest@127.0.0.1:5672", event_types: ["delivered"], destination_type: "rabbitmq", destination: { exchange: exchange.name, routing_key: "erp.{event_type}" } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ url: "amqp://127.0.0.1:5672", destination_type: "rabbitmq", destination: { exchange: exchange.name, routing_key: "erp.{event_type}" }, credentials: { kind: "password", username: "guest" }, secret: expect.stringMatching(/^whsec_/) });
    const id = created.json.id as string;
    const read = await callRoute(getEndpointRoute, { method: "GET", path: `/api/v1/endpoints/${id}`, key, params: { endpointId: id } });
    expect(JSON.stringify(read.json)).not.toContain("guest:guest");

    // The form sends every setting on save: only what really changed is written and audited.
    await updateEndpoint(partner.id, id, { url: "amqp://127.0.0.1:5672", destinationType: "rabbitmq", destination: { exchange: exchange.name, routingKey: "erp.{event_type}" }, description: "ERP" }, actor);
    const saved = await db.auditLog.findFirstOrThrow({ where: { partnerId: partner.id, action: "endpoint.updated" }, orderBy: { createdAt: "desc" } });
    expect(saved.metadata).toMatchObject({ changed: ["description"] });
    expect((await db.endpoint.findUniqueOrThrow({ where: { id } })).encryptedCredentials).not.toBeNull();

    const bad = await callRoute(patchEndpointRoute, { method: "PATCH", path: `/api/v1/endpoints/${id}`, key, params: { endpointId: id }, body: { destination_type: "nats" } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toBe("url: NATS JetStream URLs start with nats:// or tls:// (got amqp://)");
    const moved = await callRoute(patchEndpointRoute, { method: "PATCH", path: `/api/v1/endpoints/${id}`, key, params: { endpointId: id }, body: { destination_type: "nats", url: "nats://127.0.0.1:4222", destination: { subject: "erp.{event_type}" } } });
    expect(moved.status).toBe(200);
    // Another broker type never inherits the old one's credentials.
    expect(moved.json).toMatchObject({ destination_type: "nats", destination: { subject: "erp.{event_type}" }, credentials: null });
  });
});

describe("broker destinations: failures a person can act on, retried and dead-lettered on schedule", () => {
  it("RabbitMQ: a missing exchange fails in plain words, dead-letters after the schedule, and delivers once it exists and the dead-letter is retried", async () => {
    const partner = await createPartner({ retrySchedule: [1, 1] });
    const name = `wp-it-${RUN}-missing`;
    const { endpoint } = await brokerEndpoint(partner.id, { url: RABBIT_URL, destinationType: "rabbitmq", destination: { exchange: name } });
    await startEngine();
    const eventId = await oneOrder(partner.id);
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "dead_lettered", 15_000, "the dead-letter");

    const delivery = await deliveryOf(eventId, endpoint.id);
    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.success, a.errorClass])).toEqual([[false, "broker_not_found"], [false, "broker_not_found"], [false, "broker_not_found"]]);
    expect(delivery.lastError).toBe(`Exchange "${name}" not found in virtual host "/" on RabbitMQ at 127.0.0.1:5672: declare it (durable) or fix the exchange name`);
    const gaps = attempts.slice(1).map((a, i) => a.startedAt.getTime() - attempts[i]!.startedAt.getTime());
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);

    const exchange = await rabbitExchange(name);
    await retryDeliveryIds(partner.id, [delivery.id], actor);
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "delivered", 10_000, "delivery after the exchange exists");
    await waitFor(() => exchange.received.length === 1, 5_000, "the message");
    expect(exchange.received[0]!.properties.messageId).toBe(eventId);
  });

  it("NATS: no stream for the subject fails in plain words, dead-letters, and delivers once a stream exists and the dead-letter is retried", async () => {
    const partner = await createPartner({ retrySchedule: [1] });
    const prefix = `wpit${RUN}nostream`;
    const { endpoint } = await brokerEndpoint(partner.id, { url: "nats://127.0.0.1:4222", destinationType: "nats", destination: { subject: `${prefix}.{event_type}` } });
    await startEngine();
    const eventId = await oneOrder(partner.id);
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "dead_lettered", 15_000, "the dead-letter");
    const delivery = await deliveryOf(eventId, endpoint.id);
    expect((await attemptsOf(delivery.id)).map((a) => a.errorClass)).toEqual(["broker_not_found", "broker_not_found"]);
    expect(delivery.lastError).toMatch(new RegExp(`^No JetStream stream for subject "${prefix}\\.order_confirmed" on NATS at 127\\.0\\.0\\.1:4222: add a stream`));

    const stream = await natsStream(prefix);
    await retryDeliveryIds(partner.id, [delivery.id], actor);
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "delivered", 10_000, "delivery after the stream exists");
    const [stored] = await stream.messages();
    expect(stored!.headers!.get("Nats-Msg-Id")).toBe(eventId);
  });

  it("RabbitMQ: wrong credentials are 'access refused' for the user, retried on schedule, then dead-lettered", async () => {
    const partner = await createPartner({ retrySchedule: [1, 1] });
    const exchange = await rabbitExchange(`wp-it-${RUN}-auth`);
    const { endpoint } = await brokerEndpoint(partner.id, { url: "amqp://127.0.0.1:5672", destinationType: "rabbitmq", destination: { exchange: exchange.name }, credentials: { username: "guest", password: "wrong" } });
    await startEngine();
    const eventId = await oneOrder(partner.id);
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "dead_lettered", 15_000, "the dead-letter");
    const delivery = await deliveryOf(eventId, endpoint.id);
    expect((await attemptsOf(delivery.id)).map((a) => a.errorClass)).toEqual(["broker_auth", "broker_auth", "broker_auth"]);
    expect(delivery.lastError).toBe('RabbitMQ at 127.0.0.1:5672 refused the login for user "guest" (ACCESS_REFUSED): check the username and password saved for this destination');
    expect(exchange.received).toHaveLength(0);

    // Fixing the credentials (a new fingerprint) reconnects at once, without waiting out the backoff.
    await updateEndpoint(partner.id, endpoint.id, { credentials: { username: "guest", password: "guest" } }, actor);
    await retryDeliveryIds(partner.id, [delivery.id], actor);
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "delivered", 10_000, "delivery with the fixed credentials");
  });

  it("NATS: a publish the stream does not acknowledge in time fails as a timeout, is sent again with the same Nats-Msg-Id, and is delivered and stored once", async () => {
    // A proxy in front of NATS holds back the server's answers: the publish reaches the stream,
    // its acknowledgement does not arrive within the partner's timeout (1.5 s).
    const partner = await createPartner({ retrySchedule: [2, 2, 2], timeoutMs: 1_500 });
    const prefix = `wpit${RUN}late`;
    const stream = await natsStream(prefix);
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: 4222 });
    cleanups.push(() => proxy.close());
    const { endpoint, secret } = await brokerEndpoint(partner.id, { url: `nats://127.0.0.1:${proxy.port}`, destinationType: "nats", destination: { subject: `${prefix}.{event_type}` }, eventTypes: ["order_confirmed"] });
    // The connection is open and working before the broker slows down.
    expect((await sendTestEvent(partner.id, endpoint.id, { eventType: "order_confirmed" }, actor)).success).toBe(true);

    proxy.stall();
    await startEngine();
    const eventId = await oneOrder(partner.id);
    const delivery = await deliveryOf(eventId, endpoint.id);
    await waitFor(async () => (await attemptsOf(delivery.id)).length >= 1, 15_000, "the first attempt to give up");
    proxy.resume(); // the late acknowledgement arrives now, after the attempt gave up; the retry is answered in time
    await waitFor(async () => (await deliveryOf(eventId, endpoint.id)).status === "delivered", 20_000, "delivery on a retry");

    const attempts = await attemptsOf(delivery.id);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[0]).toMatchObject({ success: false, statusCode: null, errorClass: "broker_timeout", errorMessage: expect.stringMatching(new RegExp(`^NATS at 127\\.0\\.0\\.1:${proxy.port} did not acknowledge within .*sent again with the same Nats-Msg-Id`)) });
    expect(attempts[0]!.latencyMs).toBeGreaterThanOrEqual(1_400);
    expect(attempts.slice(0, -1).every((a) => a.errorClass === "broker_timeout")).toBe(true);
    const last = attempts.at(-1)!;
    expect(last).toMatchObject({ success: true, errorClass: null });
    // On the partner's schedule (2 s), not at once.
    expect(attempts[1]!.startedAt.getTime() - attempts[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(1_900);
    // The first publish did reach the stream: the retry is recognised as its duplicate, and the stream holds it once, verifiable.
    expect(JSON.parse(last.responseExcerpt!)).toMatchObject({ stream: stream.name, duplicate: true });
    const stored = (await stream.messages()).filter((m) => m.headers!.get("Nats-Msg-Id") === eventId);
    expect(stored).toHaveLength(1);
    expect(new Webhook(secret).verify(new TextDecoder().decode(stored[0]!.data), natsHeaders(stored[0]!) as Record<string, string>)).toMatchObject({ event_id: eventId, event: "order_confirmed" });
  });

  it("RabbitMQ: an exchange with no queue bound is refused as unroutable rather than silently dropped", async () => {
    const partner = await createPartner();
    const exchange = await rabbitExchange(`wp-it-${RUN}-unbound`, { bind: false });
    const { endpoint } = await brokerEndpoint(partner.id, { url: RABBIT_URL, destinationType: "rabbitmq", destination: { exchange: exchange.name, routingKey: "fixed.key" } });
    const result = await sendTestEvent(partner.id, endpoint.id, { eventType: "delivered" }, actor);
    expect(result).toMatchObject({
      success: false,
      errorClass: "broker_unroutable",
      errorMessage: `Exchange "${exchange.name}" has no queue bound for routing key "fixed.key": RabbitMQ returned the message (NO_ROUTE) instead of dropping it`,
      hint: expect.stringContaining("no queue is bound"),
    });
  });
});

describe("broker destinations: health figures and auto-disable", () => {
  it("counts broker attempts in the health figures, and auto-disables a destination that keeps dead-lettering", async () => {
    const partner = await createPartner({ retrySchedule: [] });
    const stream = await natsStream(`wpit${RUN}health`);
    const healthy = await brokerEndpoint(partner.id, { url: "nats://127.0.0.1:4222", destinationType: "nats", destination: { subject: `wpit${RUN}health.{event_type}` } });
    const missing = await brokerEndpoint(partner.id, { url: "nats://127.0.0.1:4222", destinationType: "nats", destination: { subject: `wpit${RUN}nowhere.{event_type}` } });
    await startEngine();
    for (let i = 0; i < AUTO_DISABLE.consecutiveDeadLetters; i++) await oneOrder(partner.id);
    await waitFor(async () => !(await db.endpoint.findUniqueOrThrow({ where: { id: missing.endpoint.id } })).enabled, 20_000, "auto-disable");
    await waitFor(async () => (await jsm.streams.info(stream.name)).state.messages === AUTO_DISABLE.consecutiveDeadLetters, 10_000, "the healthy destination's messages");

    const report = await getHealthReport(partner.id, "24h");
    const byId = new Map(report.endpoints.map((e) => [e.endpoint_id, e]));
    expect(byId.get(healthy.endpoint.id)).toMatchObject({ enabled: true, delivered: AUTO_DISABLE.consecutiveDeadLetters, failed: 0, success_rate: 1 });
    expect(byId.get(missing.endpoint.id)).toMatchObject({
      enabled: false,
      failed: AUTO_DISABLE.consecutiveDeadLetters,
      dead_lettered: AUTO_DISABLE.consecutiveDeadLetters,
      last_error: { status_code: null, message: expect.stringMatching(/^No JetStream stream for subject/) },
    });
    expect(report.overall.p95_latency_ms).not.toBeNull();
  });
});

describe("broker destinations: NATS with authentication (a server started here)", () => {
  let server: ChildProcess | undefined;
  let dir: string;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(path.join(tmpdir(), "waypoint-nats-"));
    server = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir, "--user", "waypoint", "--pass", "right-password"], { stdio: "ignore" });
    await waitFor(() => canConnect(port), 10_000, "the NATS server");
  });
  afterAll(async () => {
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    rmSync(dir, { recursive: true, force: true });
  });

  it("says the credentials were refused, and delivers with the right ones", async () => {
    const partner = await createPartner();
    const { endpoint } = await brokerEndpoint(partner.id, { url: `nats://127.0.0.1:${port}`, destinationType: "nats", destination: { subject: "orders.{event_type}" }, credentials: { username: "waypoint", password: "wrong" } });
    const refused = await sendTestEvent(partner.id, endpoint.id, { eventType: "delivered" }, actor);
    expect(refused).toMatchObject({
      success: false,
      errorClass: "broker_auth",
      errorMessage: `NATS at 127.0.0.1:${port} refused the credentials for user "waypoint" (authorization violation): check the credentials saved for this destination`,
    });

    const admin = await natsConnect({ servers: `127.0.0.1:${port}`, user: "waypoint", pass: "right-password" });
    await (await admin.jetstreamManager()).streams.add({ name: "ORDERS", subjects: ["orders.>"] });
    await admin.close();
    await updateEndpoint(partner.id, endpoint.id, { credentials: { username: "waypoint", password: "right-password" } }, actor);
    const sent = await sendTestEvent(partner.id, endpoint.id, { eventType: "delivered" }, actor);
    expect(sent).toMatchObject({ success: true, errorClass: null, request: { url: `nats://127.0.0.1:${port} → subject "orders.delivered"` } });
  });
});

describe("broker destinations: Send Test Event and the endpoint check", () => {
  it("RabbitMQ: the check passes on confirms, repeats the same message-id, and sends no wrongly signed message", async () => {
    const partner = await createPartner();
    const exchange = await rabbitExchange(`wp-it-${RUN}-check`);
    const { endpoint, secret } = await brokerEndpoint(partner.id, { url: RABBIT_URL, destinationType: "rabbitmq", destination: { exchange: exchange.name }, eventTypes: ["delivered"] });
    const check = await runEndpointCheck(partner.id, endpoint.id, actor);
    expect(check.passed).toBe(true);
    expect(check.steps.map((s) => [s.step, s.passed])).toEqual([["signed", true], ["replay", true], ["wrong_signature", null]]);
    expect(check.steps[0]!.message).toBe(`RabbitMQ confirmed the signed test event on exchange "${exchange.name}" with routing key "waypoint.delivered": a queue is bound for it and the message is persistent.`);
    expect(check.steps[1]!.hint).toMatch(/RabbitMQ does not de-duplicate/);
    expect(check.steps[2]!.message).toBe(BROKER_WRONG_SIGNATURE_MESSAGE);

    await waitFor(() => exchange.received.length === 2, 5_000, "the signed event and its repeat");
    const [first, repeat] = exchange.received;
    expect(repeat!.properties.messageId).toBe(first!.properties.messageId);
    const verifier = new Webhook(secret);
    for (const m of [first!, repeat!]) expect(verifier.verify(m.content.toString(), amqpHeaders(m))).toMatchObject({ event: "delivered", test: true });
    const attempts = await db.deliveryAttempt.findMany({ where: { endpointId: endpoint.id } });
    expect(attempts.map((a) => [a.trigger, a.deliveryId, a.success])).toEqual([["test", null, true], ["test", null, true]]);
    expect((await db.partner.findUniqueOrThrow({ where: { id: partner.id } })).endpointCheckPassedAt).not.toBeNull();
  });

  it("NATS: the stream's duplicate window stores the repeat once, and the check says so", async () => {
    const partner = await createPartner();
    const prefix = `wpit${RUN}check`;
    const stream = await natsStream(prefix);
    const { endpoint } = await brokerEndpoint(partner.id, { url: "nats://127.0.0.1:4222", destinationType: "nats", destination: { subject: `${prefix}.{event_type}` }, eventTypes: ["delivered"] });
    const check = await runEndpointCheck(partner.id, endpoint.id, actor);
    expect(check.steps.map((s) => [s.step, s.passed])).toEqual([["signed", true], ["replay", true], ["wrong_signature", null]]);
    expect(check.steps[0]!.message).toBe(`Stream "${stream.name}" stored the signed test event on subject "${prefix}.delivered" (sequence 1).`);
    expect(check.steps[1]!.message).toMatch(/^JetStream recognised the repeat by its Nats-Msg-Id/);
    expect(check.passed).toBe(true);
    expect(await stream.messages()).toHaveLength(1);

    const test = await sendTestEvent(partner.id, endpoint.id, { eventType: "delivered" }, actor);
    expect(test).toMatchObject({ success: true, statusCode: null, hint: null, responseHeaders: { broker: "nats", stream: stream.name, seq: "2", duplicate: "false" } });
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function canConnect(port: number): Promise<boolean> {
  try {
    const probe = await natsConnect({ servers: `127.0.0.1:${port}`, user: "waypoint", pass: "right-password", reconnect: false, timeout: 500 });
    await probe.close();
    return true;
  } catch {
    return false;
  }
}
