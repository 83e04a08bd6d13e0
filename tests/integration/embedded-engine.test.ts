import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

let key: string;
beforeAll(async () => {
  key = (await createIngestKey()).key;
});

async function ingestOrders(partnerId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await callRoute(createOrderRoute, {
      path: "/api/v1/orders",
      key,
      body: { partner_id: partnerId, merchant_order_ref: `E-${Date.now()}-${i}`, customer_id: "c", customer_name: "Kabir Rao", customer_phone: "+919845001122" },
    });
    expect(res.status).toBe(201);
    ids.push(res.json.event.event_id);
  }
  return ids;
}

describe("embedded delivery engine (in process)", () => {
  let engine: EmbeddedEngine | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await engine?.stop();
    await receiver?.close();
    engine = receiver = undefined;
  });

  it("delivers an ingested event to the endpoint, signed so a stock verifier accepts it", async () => {
    receiver = await startReceiver();
    const partner = await createPartner();
    const { secret } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/orders` });
    engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 200 });
    await engine.start();

    const [eventId] = await ingestOrders(partner.id, 1);
    await waitFor(() => receiver!.received.length === 1, 10_000, "the webhook");
    const got = receiver.received[0]!;
    expect(got.webhookId).toBe(eventId);
    const verified = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { event_id: string; event: string };
    expect(verified).toMatchObject({ event_id: eventId, event: "order_confirmed" });
    await waitFor(async () => (await db.delivery.findFirst({ where: { eventId } }))?.status === "delivered", 5_000, "delivered status");
  });

  it("keeps retrying on the partner's schedule while the receiver is down, then delivers", async () => {
    receiver = await startReceiver();
    const port = receiver.port;
    await receiver.close();
    const partner = await createPartner({ retrySchedule: [1, 2, 30] });
    await createEndpoint({ partnerId: partner.id, url: `http://127.0.0.1:${port}/down` });
    engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 100 });
    await engine.start();

    const [eventId] = await ingestOrders(partner.id, 1);
    const attempts = () => db.deliveryAttempt.findMany({ where: { delivery: { eventId } }, orderBy: { startedAt: "asc" } });
    await waitFor(async () => (await attempts()).length === 2, 10_000, "two failed attempts");
    receiver = await startReceiver({ port });
    await waitFor(async () => (await db.delivery.findFirst({ where: { eventId } }))?.status === "delivered", 10_000, "delivery after recovery");

    const history = await attempts();
    expect(history.map((a) => [a.success, a.errorClass])).toEqual([[false, "connection_refused"], [false, "connection_refused"], [true, null]]);
    const gaps = history.slice(1).map((a, i) => a.startedAt.getTime() - history[i]!.startedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[0]).toBeLessThan(2000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000);
    expect(gaps[1]).toBeLessThan(3000);
    expect(receiver.received.map((r) => r.webhookId)).toEqual([eventId]);
  });
});

describe("embedded delivery engine (separate process, killed mid-burst)", () => {
  const workers: ChildProcess[] = [];
  let receiver: Receiver;
  afterAll(async () => {
    // Whole process groups (npx → tsx → node): a stray worker would deliver other tests' rows.
    for (const w of workers) {
      try {
        process.kill(-w.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await receiver?.close();
  });

  const startWorker = () => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/delivery-worker.ts"], {
      env: { ...process.env, DELIVERY_ENGINE: "embedded", DELIVERY_LEASE_MS: "2000", DELIVERY_POLL_MS: "200" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    workers.push(child);
    return new Promise<ChildProcess>((resolve) => child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child)));
  };

  it("loses nothing: every accepted event reaches every endpoint after a kill -9 and restart", async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "slow", ms: 150 });
    const partner = await createPartner();
    await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/a` });
    await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/b` });
    const first = await startWorker();
    const eventIds = await ingestOrders(partner.id, 200);
    await waitFor(() => receiver.received.length >= 50, 30_000, "deliveries to start");

    process.kill(-first.pid!, "SIGKILL"); // the whole process group: npx, tsx and node
    const deliveredAtCrash = await db.delivery.count({ where: { partnerId: partner.id, status: "delivered" } });
    expect(deliveredAtCrash).toBeLessThan(400);
    await startWorker();
    await waitFor(async () => (await db.delivery.count({ where: { partnerId: partner.id, status: "delivered" } })) === 400, 90_000, "all 400 deliveries");

    const seen = new Set(receiver.received.map((r) => `${r.path} ${r.webhookId}`));
    for (const id of eventIds) {
      expect(seen.has(`/a ${id}`)).toBe(true);
      expect(seen.has(`/b ${id}`)).toBe(true);
    }
    // At-least-once: a redelivery after the crash carries the same webhook-id, nothing else.
    expect(seen.size).toBe(400);
    console.log(`crash test: ${deliveredAtCrash} delivered at the kill, ${receiver.received.length - 400} duplicate(s) after restart`);
  }, 120_000);
});
