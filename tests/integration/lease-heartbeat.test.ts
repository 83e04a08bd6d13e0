import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// Short leases (issue 15): a lease is renewed while its attempt runs, so a slow partner never lets
// a second worker send the same delivery; and a worker that stalled past its lease does not send
// what another worker may now hold. Two engines in this process stand for two workers.

const LEASE_MS = 1000;
const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

let key: string;
beforeAll(async () => {
  key = (await createIngestKey()).key;
});

async function ingest(partnerId: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await callRoute(createOrderRoute, {
      path: "/api/v1/orders",
      key,
      body: { partner_id: partnerId, merchant_order_ref: `L-${Date.now()}-${i}`, customer_id: "c", customer_name: "Meera Iyer", customer_phone: "+919845001122" },
    });
    expect(res.status).toBe(201);
    ids.push(res.json.event.event_id);
  }
  return ids;
}

const countsById = (receiver: Receiver, path: string) => {
  const counts = new Map<string, number>();
  for (const r of receiver.received) if (r.path === path && r.webhookId) counts.set(r.webhookId, (counts.get(r.webhookId) ?? 0) + 1);
  return counts;
};

describe("delivery leases: short, renewed while an attempt runs", () => {
  const engines: EmbeddedEngine[] = [];
  let receiver: Receiver | undefined;
  const engine = async () => {
    const e = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, leaseMs: LEASE_MS, pollMs: 100 });
    engines.push(e);
    await e.start();
    return e;
  };
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop(1000);
    await receiver?.close();
    receiver = undefined;
  });

  it("keeps a lease for an attempt three times longer than the lease: the other worker never sends it", async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "slow", ms: 3 * LEASE_MS }, "/slow");
    const partner = await createPartner({ timeoutMs: 10_000 });
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/slow` });
    await engine();
    const ids = await ingest(partner.id, 5);
    await waitFor(() => countsById(receiver!, "/slow").size === 5, 10_000, "the first worker's five attempts");
    await engine(); // the second worker: the leases must still hold while the partner takes 3 s
    await waitFor(async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "delivered" } })) === 5, 15_000, "all five delivered");
    await new Promise((r) => setTimeout(r, 2 * LEASE_MS));
    const counts = countsById(receiver, "/slow");
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()]).toEqual([1, 1, 1, 1, 1]);
    expect(await db.deliveryAttempt.count({ where: { endpointId: endpoint.id } })).toBe(5);
  });

  it("a worker that stalled past its lease leaves the delivery to the next holder instead of sending it too", async () => {
    receiver = await startReceiver();
    const partner = await createPartner();
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/paced` });
    // 2 a second: the claim takes slots at 0, 500 and 1,000 ms and waits for them in flight.
    await db.endpoint.update({ where: { id: endpoint.id }, data: { rateLimitPerSecond: 2 } });
    const ids = await ingest(partner.id, 3);
    const first = await engine();
    await waitFor(() => countsById(receiver!, "/paced").size >= 1, 10_000, "the first send");
    const second = await engine();
    // The whole process stalls (a long GC pause, a starved CPU) for 2.5 leases, with the first
    // worker's next sends still waiting for their slots. Its leases run out meanwhile.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2.5 * LEASE_MS);
    await waitFor(async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "delivered" } })) === 3, 15_000, "all three delivered");
    await new Promise((r) => setTimeout(r, 2 * LEASE_MS));
    const counts = countsById(receiver, "/paced");
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()]).toEqual([1, 1, 1]);
    expect(first.leasesLostBeforeSend + second.leasesLostBeforeSend).toBeGreaterThanOrEqual(1);
  });
});
