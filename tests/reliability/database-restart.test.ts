import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { controlEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { waitFor } from "../support/app-server";

// (c) PostgreSQL goes down in the middle of a burst and comes back. Requests while it is down
// fail (the client retries them); everything accepted is delivered, and the app recovers by
// itself. The server is stopped and started without blocking this process, so requests, claims
// and attempt writes really do meet a database that is down (a blocking restart would hide that).
const DOWN_MS = 2000;
// The server the run uses: the embedded one the test runner started (TEST_DATABASE_PGDATA), else Debian's cluster.
const pgCluster = (...args: string[]) =>
  process.env.TEST_DATABASE_PGDATA ? controlEmbeddedPostgres(process.env.TEST_DATABASE_PGDATA, args[0] as "stop" | "start") :
  new Promise<void>((resolve, reject) => {
    const version = readdirSync("/etc/postgresql")[0]!;
    execFile("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", ...args], (err) => (err ? reject(err) : resolve()));
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
    const sent: { at: number; status: number | null }[] = [];
    let refused = 0;
    let down: { from: number; to: number } | null = null;
    const burst = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const at = Date.now();
        const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `DB-${i}`, customer_id: "c", customer_name: "Aarav", customer_phone: "+919812345678" } }).catch(() => null);
        sent.push({ at, status: res?.status ?? null });
        if (res?.status === 201) accepted.push(res.json.event.event_id);
        else refused++;
        await sleep(20);
      }
    };
    const outage = async () => {
      await sleep(1000);
      await pgCluster("stop", "-m", "fast");
      const from = Date.now();
      await sleep(DOWN_MS);
      down = { from, to: Date.now() };
      await pgCluster("start");
    };
    await Promise.all([burst(0, 250), outage()]);

    // The outage happened while requests were being sent, and none of those was accepted.
    const window = down as { from: number; to: number } | null;
    expect(window).not.toBeNull();
    const whileDown = sent.filter((s) => s.at >= window!.from && s.at <= window!.to);
    expect(whileDown.length).toBeGreaterThanOrEqual(10);
    expect(whileDown.filter((s) => s.status === 201)).toEqual([]);

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
    console.log(`db down ${DOWN_MS} ms mid-burst: ${accepted.length} accepted, ${refused} refused (${whileDown.length} sent while down), all accepted delivered, 0 lost`);
  });
});
