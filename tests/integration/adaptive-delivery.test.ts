import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { EmbeddedEngine } from "@/lib/delivery/engine/embedded";
import { getHealthReport } from "@/lib/health/get-health-report";
import { createOrder } from "@/lib/orders/create-order";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createPartner } from "@/prisma/factories";
import { pool, waitFor } from "../support/app-server";

// Adaptive delivery (issue 15): a receiver that enforces its own rate limit (429 + Retry-After
// beyond 40 requests a second) gets a backlog without anything dead-lettered: the engine cuts the
// endpoint's rate and concurrency on 429s and raises them again gradually (AIMD), so it settles
// below the receiver's limit; each refused delivery waits at least the Retry-After.

const LIMIT_PER_SECOND = 40;
const EVENTS = 600;

describe("adaptive delivery against a receiver's own rate limit", () => {
  let engine: EmbeddedEngine | undefined;
  let receiver: Receiver | undefined;
  const partners: string[] = [];
  afterEach(async () => {
    await engine?.stop(1000);
    await receiver?.close();
    engine = receiver = undefined;
    // Hundreds of refused attempts would make later tests' alert rules (which look at every partner) fire.
    await db.partner.deleteMany({ where: { id: { in: partners.splice(0) } } });
  });

  it(`converges below the receiver's ${LIMIT_PER_SECOND}/s without dead-lettering, and health says "throttled by the receiver"`, async () => {
    receiver = await startReceiver();
    receiver.setMode({ kind: "rate-limit", perSecond: LIMIT_PER_SECOND, retryAfterS: 1 }, "/limited");
    // Ten retries a second apart: a delivery refused eleven times in a row would be dead-lettered.
    const partner = await createPartner({ name: "Throttling Partner", retrySchedule: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
    partners.push(partner.id);
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/limited` });
    await pool(
      Array.from({ length: EVENTS }, (_, i) => () =>
        createOrder(sql(), { partnerId: partner.id }, { merchant_order_ref: `AD-${i}`, customer_id: `c${i}`, customer_name: "Ravi Kumar", customer_phone: "+919812345678" }),
      ),
      8,
    );

    const started = Date.now();
    engine = new EmbeddedEngine({ connectionString: process.env.DATABASE_URL!, pollMs: 100 });
    await engine.start();
    await waitFor(() => (engine!.limitedEndpoints().length > 0), 10_000, "the engine to limit the endpoint");
    expect(engine.limitedEndpoints()[0]).toMatchObject({ endpointId: endpoint.id, reason: "throttled" });
    await waitFor(async () => (await db.delivery.count({ where: { endpointId: endpoint.id, status: "delivered" } })) === EVENTS, 60_000, "every delivery");
    const seconds = (Date.now() - started) / 1000;

    expect(await db.delivery.count({ where: { endpointId: endpoint.id, status: "dead_lettered" } })).toBe(0);
    const answers = receiver.received.filter((r) => r.path === "/limited");
    const refused = answers.filter((r) => r.answeredStatus === 429);
    // Settled: in the second half of the run, few requests were refused.
    const half = started + (Date.now() - started) / 2;
    const late = answers.filter((r) => r.receivedAt.getTime() >= half);
    const lateRefused = late.filter((r) => r.answeredStatus === 429).length;
    expect(lateRefused / Math.max(1, late.length)).toBeLessThan(0.2);
    // A refused delivery waited at least the Retry-After (1 s) before its next attempt.
    const byId = new Map<string, number[]>();
    for (const r of answers) byId.set(r.webhookId!, [...(byId.get(r.webhookId!) ?? []), r.receivedAt.getTime()]);
    for (const times of byId.values()) for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);

    const health = await getHealthReport(partner.id, "24h");
    expect(health.endpoints[0]!.throttled).toMatchObject({ answers: refused.length });
    console.log(
      `adaptive: ${EVENTS} delivered in ${seconds.toFixed(1)} s (${(EVENTS / seconds).toFixed(1)}/s against a limit of ${LIMIT_PER_SECOND}/s); ` +
        `${refused.length} answers 429 in all, ${lateRefused} of ${late.length} in the second half; 0 dead-lettered`,
    );
  }, 90_000);
});
