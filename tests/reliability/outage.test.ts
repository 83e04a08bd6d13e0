import { afterAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";
import { waitFor } from "../support/app-server";

// (b) The receiver is down for longer than the whole backoff. Deliveries follow the schedule
// and each ends delivered or dead-lettered: none is left pending, none silently dropped.
const SCHEDULE = [1, 2, 4]; // seconds; 7 s in all, the outage lasts 10 s
const OUTAGE_MS = 10_000;

describe("outage longer than the backoff", () => {
  let engine: EmbeddedEngine | undefined;
  let receiver: Receiver | undefined;
  afterAll(async () => {
    await engine?.stop();
    await receiver?.close();
  });

  it("retries on schedule, dead-letters what outlived the schedule, delivers the rest after recovery", async () => {
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const partner = await createPartner({ name: "Outage Co", retrySchedule: SCHEDULE });
    await createEndpoint({ partnerId: partner.id, url: `http://127.0.0.1:${port}/hook` });
    const { key } = await createIngestKey(partner.id);
    engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 100 });
    await engine.start();

    const t0 = Date.now();
    const ingestAt = async (ms: number, n: number) => {
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + ms - Date.now())));
      for (let i = 0; i < n; i++) {
        const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `OUT-${ms}-${i}`, customer_id: "c", customer_name: "Rohan", customer_phone: "+919812345678" } });
        expect(res.status).toBe(201);
      }
    };
    const recovery = (async () => {
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      receiver = await startReceiver({ port });
    })();
    // Early events exhaust their schedule inside the outage; late ones outlive it.
    await Promise.all([ingestAt(0, 10), ingestAt(6_000, 10), recovery]);

    const settled = async () => (await db.delivery.count({ where: { partnerId: partner.id, status: { in: ["pending", "retrying"] } } })) === 0;
    await waitFor(settled, 30_000, "every delivery to settle");

    const deliveries = await db.delivery.findMany({ where: { partnerId: partner.id }, include: { attempts: { orderBy: { startedAt: "asc" } }, event: true } });
    expect(deliveries).toHaveLength(20);
    const early = deliveries.filter((d) => (d.event.payload as { merchant_order_ref: string }).merchant_order_ref.startsWith("OUT-0-"));
    const late = deliveries.filter((d) => !early.includes(d));
    expect(early.every((d) => d.status === "dead_lettered" && d.attempts.length === SCHEDULE.length + 1)).toBe(true);
    expect(late.every((d) => d.status === "delivered" && d.attempts.at(-1)!.success)).toBe(true);
    for (const d of early) {
      const gaps = d.attempts.slice(1).map((a, i) => (a.startedAt.getTime() - d.attempts[i]!.startedAt.getTime()) / 1000);
      gaps.forEach((gap, i) => {
        expect(gap).toBeGreaterThanOrEqual(SCHEDULE[i]!);
        expect(gap).toBeLessThan(SCHEDULE[i]! + 1.5);
      });
    }
    expect(new Set(receiver!.received.map((r) => r.webhookId)).size).toBe(late.length);
    console.log(`outage: ${early.length} dead-lettered after ${SCHEDULE.length + 1} attempts each, ${late.length} delivered after recovery, 0 left pending`);
  });
});
