import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { ensureBuild, killHard, pool, startApp, waitFor } from "../support/app-server";

// (a) kill -9 the app (next start, with its embedded engine) while thousands of accepted events
// are still undelivered; restart it; every accepted event must arrive, duplicates only with
// the same webhook-id.
const EVENTS = Number(process.env.CRASH_EVENTS ?? 5000);
const PORT = 3301;

describe("crash: kill -9 with events in flight", () => {
  let app: ChildProcess | undefined;
  let receiver: Receiver;
  beforeAll(() => ensureBuild());
  afterAll(async () => {
    if (app) killHard(app);
    await receiver?.close();
  });

  it(`delivers all ${EVENTS} accepted events after a kill -9 and restart`, async () => {
    receiver = await startReceiver();
    const partner = await createPartner({ name: "Crash Co" });
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/crash` });
    // The endpoint's own rate limit (5/s) keeps most accepted events undelivered when the kill comes.
    await db.endpoint.update({ where: { id: endpoint.id }, data: { rateLimitPerSecond: 5 } });
    const { key } = await createIngestKey(partner.id);
    const env = { DELIVERY_LEASE_MS: "5000", LOG_LEVEL: "warn" };
    app = await startApp(PORT, env);

    const started = Date.now();
    const accepted = await pool(
      Array.from({ length: EVENTS }, (_, i) => async () => {
        const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/orders`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ merchant_order_ref: `CR-${i}`, customer_id: `c${i}`, customer_name: "Ishaan Das", customer_phone: "+919812345678" }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { event: { event_id: string } }).event.event_id;
      }),
      24,
    );
    const ingestSeconds = (Date.now() - started) / 1000;

    killHard(app);
    const deliveredAtKill = await db.delivery.count({ where: { partnerId: partner.id, status: "delivered" } });
    const inFlight = EVENTS - deliveredAtKill;
    expect(inFlight).toBeGreaterThan(EVENTS / 2);

    await db.endpoint.update({ where: { id: endpoint.id }, data: { rateLimitPerSecond: null } });
    app = await startApp(PORT, env);
    await waitFor(async () => (await db.delivery.count({ where: { partnerId: partner.id, status: "delivered" } })) === EVENTS, 240_000, "every delivery");

    const received = new Set(receiver.received.map((r) => r.webhookId));
    const missing = accepted.filter((id) => !received.has(id));
    expect(missing).toEqual([]);
    expect(received.size).toBe(EVENTS);
    const duplicates = receiver.received.length - EVENTS;
    console.log(
      `crash: ${EVENTS} accepted in ${ingestSeconds.toFixed(1)} s (${(EVENTS / ingestSeconds).toFixed(0)}/s); ` +
        `${inFlight} undelivered at kill -9; after restart all ${EVENTS} delivered, ${duplicates} duplicate(s) (same webhook-id), 0 lost`,
    );
  });
});
