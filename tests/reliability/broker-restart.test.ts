import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { connect as natsConnect, nanos } from "nats";
import { afterAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { closeAllDestinations } from "@/lib/delivery/destinations/registry";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { waitFor } from "../support/app-server";

// A broker restart in the middle of a burst loses nothing: attempts in flight when the broker
// goes away fail (no confirm / no PubAck), are retried on the partner's schedule with the same
// message id, and every event ends up in the partner's queue or stream. At-least-once: RabbitMQ
// may hold a repeat (the consumer de-duplicates by message-id); JetStream's duplicate window
// stores each event once.
//
// RabbitMQ: the machine's broker, its application stopped and started (rabbitmqctl stop_app /
// start_app: durable queues and persistent messages survive). NATS: a server started here (so it
// may be stopped), with its JetStream store on disk, stopped and started again on the same port.

const run = promisify(execFile);
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const EVENTS = 300;
const SCHEDULE = [1, 1, 2, 2, 4, 4, 8, 8]; // 30 s of retries: far longer than the restart
const actor = { id: null, email: "reliability test" };

async function burst(partnerId: string, prefix: string, onProgress: (sent: number) => Promise<void>) {
  const { key } = await createIngestKey(partnerId);
  const ids: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `${prefix}-${i}`, customer_id: "c", customer_name: "Rohan", customer_phone: "+919812345678" } });
    expect(res.status).toBe(201);
    ids.push(res.json.event.event_id as string);
    await onProgress(i + 1);
  }
  return ids;
}

const settled = (partnerId: string) => async () => (await db.delivery.count({ where: { partnerId, status: { not: "delivered" } } })) === 0;

describe("broker restart mid-burst", () => {
  let engine: EmbeddedEngine | undefined;
  afterAll(async () => {
    await engine?.stop();
    await closeAllDestinations();
  });

  it("RabbitMQ: every event reaches the queue after the broker restarts", async () => {
    const exchange = `wp-rel-${RUN}`;
    const queue = `${exchange}.q`;
    let admin: ChannelModel = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
    let channel: Channel = await admin.createChannel();
    await channel.assertExchange(exchange, "topic", { durable: true });
    await channel.assertQueue(queue, { durable: true });
    await channel.bindQueue(queue, exchange, "#");
    await admin.close();

    const partner = await createPartner({ name: `Rabbit restart ${RUN}`, retrySchedule: SCHEDULE });
    await createEndpoint(partner.id, { url: "amqp://guest:guest@127.0.0.1:5672", destinationType: "rabbitmq", destination: { exchange }, description: "", eventTypes: ["order_confirmed"], format: "json", schemaVersion: "v2", rateLimitPerSecond: null }, actor);
    engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 100 });
    await engine.start();

    let restarted: Promise<void> | null = null;
    const ids = await burst(partner.id, `RMQ-${RUN}`, async (sent) => {
      if (sent !== EVENTS / 3) return;
      // Mid-burst: the broker goes away for ~2 s while ingest goes on. The burst waits until it is
      // down (rabbitmqctl itself takes a second or two to start): otherwise the remaining events
      // could all be delivered before the broker stopped, and the restart would test nothing.
      await run("rabbitmqctl", ["-q", "stop_app"]);
      restarted = (async () => {
        await new Promise((r) => setTimeout(r, 2000));
        await run("rabbitmqctl", ["-q", "start_app"]);
      })();
    });
    await restarted;
    await waitFor(settled(partner.id), 90_000, "every delivery to be confirmed");

    const attempts = await db.deliveryAttempt.groupBy({ by: ["success"], where: { delivery: { partnerId: partner.id } }, _count: true });
    const failures = attempts.find((a) => !a.success)?._count ?? 0;

    admin = await amqp.connect("amqp://guest:guest@127.0.0.1:5672");
    channel = await admin.createChannel();
    const seen = new Map<string, number>();
    for (;;) {
      const m = await channel.get(queue, { noAck: true });
      if (!m) break;
      const id = String(m.properties.messageId);
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    await channel.deleteQueue(queue);
    await channel.deleteExchange(exchange);
    await admin.close();

    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    const repeats = [...seen.values()].reduce((n, c) => n + c - 1, 0);
    console.log(`RabbitMQ restart mid-burst: ${EVENTS} events, ${failures} failed attempts retried, ${repeats} repeats in the queue (at-least-once)`);
    expect(failures).toBeGreaterThan(0); // the restart really hit the burst
    await engine.stop();
    engine = undefined;
  });

  it("NATS JetStream: every event is stored once after the server restarts", async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), "waypoint-nats-rel-"));
    let server: ChildProcess = startNats(port, dir);
    try {
      await waitFor(() => canConnect(port), 10_000, "the NATS server");
      const nc = await natsConnect({ servers: `127.0.0.1:${port}` });
      await (await nc.jetstreamManager()).streams.add({ name: "ORDERS", subjects: ["orders.>"], duplicate_window: nanos(300_000) });
      await nc.close();

      const partner = await createPartner({ name: `NATS restart ${RUN}`, retrySchedule: SCHEDULE });
      await createEndpoint(partner.id, { url: `nats://127.0.0.1:${port}`, destinationType: "nats", destination: { subject: "orders.{event_type}" }, description: "", eventTypes: ["order_confirmed"], format: "json", schemaVersion: "v2", rateLimitPerSecond: null }, actor);
      engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 100 });
      await engine.start();

      let restarted: Promise<void> | null = null;
      const ids = await burst(partner.id, `NATS-${RUN}`, async (sent) => {
        if (sent !== EVENTS / 3) return;
        restarted = (async () => {
          server.kill("SIGTERM");
          await new Promise((r) => server.once("exit", r));
          await new Promise((r) => setTimeout(r, 1500));
          server = startNats(port, dir);
          await waitFor(() => canConnect(port), 10_000, "the restarted NATS server");
        })();
      });
      await restarted;
      await waitFor(settled(partner.id), 90_000, "every delivery to be acknowledged");
      const failures = await db.deliveryAttempt.count({ where: { delivery: { partnerId: partner.id }, success: false } });

      const check = await natsConnect({ servers: `127.0.0.1:${port}` });
      const jsm = await check.jetstreamManager();
      const info = await jsm.streams.info("ORDERS");
      const stored = new Set<string>();
      for (let seq = 1; seq <= info.state.last_seq; seq++) {
        const m = await jsm.streams.getMessage("ORDERS", { seq }).catch(() => null);
        if (m) stored.add(m.header.get("Nats-Msg-Id"));
      }
      await check.close();
      console.log(`NATS restart mid-burst: ${EVENTS} events, ${failures} failed attempts retried, ${info.state.messages} stored`);
      expect(ids.filter((id) => !stored.has(id))).toEqual([]);
      expect(info.state.messages).toBe(EVENTS); // the duplicate window kept retries out
      expect(failures).toBeGreaterThan(0);
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function startNats(port: number, dir: string): ChildProcess {
  return spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", dir], { stdio: "ignore" });
}

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
    const probe = await natsConnect({ servers: `127.0.0.1:${port}`, reconnect: false, timeout: 500 });
    await probe.close();
    return true;
  } catch {
    return false;
  }
}
