import { execSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { waitFor } from "../support/app-server";

// (c) PostgreSQL restarts in the middle of a burst. Requests during the restart may fail (the
// client retries them); everything accepted is delivered, and the app recovers by itself.
const restartPostgres = () => {
  const version = readdirSync("/etc/postgresql")[0];
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main restart`, { stdio: "ignore" });
};

describe("database restart during a burst", () => {
  let engine: EmbeddedEngine | undefined;
  let receiver: Receiver | undefined;
  afterAll(async () => {
    await engine?.stop();
    await receiver?.close();
  });

  it("recovers without manual action and delivers every accepted event", async () => {
    receiver = await startReceiver();
    const partner = await createPartner({ name: "Restart Co", retrySchedule: [1, 2, 4, 8] });
    await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/r` });
    const { key } = await createIngestKey(partner.id);
    engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 200 });
    await engine.start();

    const accepted: string[] = [];
    let refused = 0;
    const burst = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `DB-${i}`, customer_id: "c", customer_name: "Aarav", customer_phone: "+919812345678" } }).catch(() => null);
        if (res?.status === 201) accepted.push(res.json.event.event_id);
        else refused++;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await Promise.all([burst(0, 150), (async () => { await new Promise((r) => setTimeout(r, 1000)); restartPostgres(); })()]);
    // Nobody touched the app: it must accept and deliver again on its own.
    await waitFor(async () => {
      const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `DB-after-${Date.now()}`, customer_id: "c", customer_name: "Aarav", customer_phone: "+919812345678" } }).catch(() => null);
      if (res?.status === 201) accepted.push(res.json.event.event_id);
      return res?.status === 201;
    }, 30_000, "the ingest API to accept again");

    await waitFor(() => new Set(receiver!.received.map((r) => r.webhookId)).size >= accepted.length, 60_000, "all accepted events delivered");
    const received = new Set(receiver.received.map((r) => r.webhookId));
    expect(accepted.filter((id) => !received.has(id))).toEqual([]);
    expect(accepted.length).toBeGreaterThan(50);
    console.log(`db restart: ${accepted.length} accepted (${refused} refused during the restart, for the client to retry), all delivered, 0 lost`);
  });
});
