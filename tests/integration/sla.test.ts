import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sqlPool } from "@/lib/db/sql";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { refreshSlaRollup, SETTLE_MS } from "@/lib/sla/refresh";
import { getSlaReport } from "@/lib/sla/report";
import { bucketOf, SLA_RANGES, slaWindow } from "@/lib/sla/targets";
import { createOrder } from "@/lib/orders/create-order";
import { startReceiver } from "@/lib/receiver/server";
import { createEndpoint, createPartner } from "@/prisma/factories";
import { insertSlaHistory, rawSla } from "../support/sla-history";

// The SLA view reads a rollup; these tests hold it to the raw rows, computed by the definitions.
const created: string[] = [];
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: created } } });
});

const bucket = (v: number | null) => (v === null ? null : bucketOf(v));

describe("SLA rollup", () => {
  it("gives, for 24 h, 7 d and 30 d, exactly the figures computed from the raw attempts (percentiles at the 2 significant digits shown)", async () => {
    const client = await sqlPool().connect();
    const now = new Date();
    const history = await insertSlaHistory(client, { name: "SLA Raw Co", events: 500, seed: 7, now }).finally(() => client.release());
    created.push(history.partnerId);
    await refreshSlaRollup(now);
    for (const range of SLA_RANGES) {
      const report = await getSlaReport({ range, partnerId: history.partnerId, now, refresh: false });
      const raw = await rawSla(sqlPool(), history.partnerId, slaWindow(range, now).from);
      expect(raw.delivered, range).toBeGreaterThan(range === "24h" ? 100 : 200);
      expect(report.overall, range).toMatchObject({
        delivered: raw.delivered,
        withinTarget: raw.withinTarget,
        attempts: raw.attempts,
        p50Ms: bucket(raw.p50),
        p95Ms: bucket(raw.p95),
        p99Ms: bucket(raw.p99),
        deadLetteredInWindow: raw.deadInWindow,
        deadLettersOpen: raw.deadOpen,
      });
      // The series adds up to the window's figures.
      expect(report.series.reduce((s, p) => s + p.delivered, 0)).toBe(raw.delivered);
    }
    // Not every delivery was within 90 s: the figure is measured, not assumed.
    const month = await rawSla(sqlPool(), history.partnerId, slaWindow("30d", now).from);
    expect(month.withinTarget).toBeLessThan(month.delivered);
  });

  it("is incremental: refreshes at later times add each attempt once (settled rows accumulate, provisional ones are replaced), and match the raw rows", async () => {
    const client = await sqlPool().connect();
    const now = new Date();
    const history = await insertSlaHistory(client, { name: "SLA Incremental Co", events: 400, seed: 11, now }).finally(() => client.release());
    created.push(history.partnerId);
    // First seen a day ago (backfilled up to then), then refreshed twice since, then again at once.
    for (const ago of [26 * 3_600_000, 5 * 3_600_000, 0, 0]) await refreshSlaRollup(new Date(now.getTime() - ago));
    const [state] = await sqlPool()
      .query<{ counted_until: Date }>(`SELECT "countedUntil" AT TIME ZONE 'UTC' AS counted_until FROM "SlaRollupState" WHERE "partnerId" = $1`, [history.partnerId])
      .then((r) => r.rows);
    expect(state!.counted_until.getTime()).toBe(now.getTime() - SETTLE_MS);
    for (const range of SLA_RANGES) {
      const report = await getSlaReport({ range, partnerId: history.partnerId, now, refresh: false });
      const raw = await rawSla(sqlPool(), history.partnerId, slaWindow(range, now).from);
      expect(raw.delivered, range).toBeGreaterThan(100);
      expect(report.overall, range).toMatchObject({ delivered: raw.delivered, withinTarget: raw.withinTarget, attempts: raw.attempts, p95Ms: bucket(raw.p95) });
    }
  });

  it("counts a late success (a manual retry of an old dead-letter) in the hour it happened, with its whole latency", async () => {
    const receiver = await startReceiver();
    try {
      const partner = await createPartner({ name: "SLA Late Co", retrySchedule: [] });
      created.push(partner.id);
      const { endpoint } = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/late`, eventTypes: ["order_confirmed"] });
      await refreshSlaRollup(); // the partner is known (backfilled, empty)
      receiver.setMode({ kind: "status", status: 500 }, "/late");
      const { deliveries } = await db.$transaction((tx) => createOrder(tx, { partnerId: partner.id }, { merchant_order_ref: "LATE-1", customer_id: "c", customer_name: "Late", customer_phone: "+919812345678" }));
      expect((await performDeliveryAttempt(deliveries[0]!.id)).kind).toBe("dead_lettered");
      // The event happened three days ago.
      await db.orderEvent.updateMany({ where: { partnerId: partner.id }, data: { occurredAt: new Date(Date.now() - 3 * 86_400_000) } });
      const before = await getSlaReport({ range: "24h", partnerId: partner.id });
      expect(before.overall).toMatchObject({ delivered: 0, deadLetteredInWindow: 1, deadLettersOpen: 1 });

      receiver.setMode({ kind: "ok" }, "/late");
      expect((await performDeliveryAttempt(deliveries[0]!.id, { trigger: "manual" })).kind).toBe("delivered");
      await refreshSlaRollup();
      const after = await getSlaReport({ range: "24h", partnerId: partner.id, refresh: false });
      expect(after.overall).toMatchObject({ delivered: 1, withinTarget: 0, attempts: 2, deadLettersOpen: 0, deadLetteredInWindow: 0 });
      expect(after.overall.p50Ms).toBeGreaterThanOrEqual(bucketOf(3 * 86_400_000 - 60_000));
      // Counted provisionally until it settles, then for good: once, never twice or not at all.
      const rowsOf = () =>
        sqlPool()
          .query<{ provisional: boolean; n: number }>(`SELECT provisional, sum(delivered)::int AS n FROM "SlaRollup" WHERE "partnerId" = $1 AND grain = 'hour' GROUP BY 1`, [partner.id])
          .then((r) => Object.fromEntries(r.rows.map((x) => [x.provisional ? "provisional" : "settled", x.n])));
      expect(await rowsOf()).toEqual({ provisional: 1 });
      const later = new Date(Date.now() + SETTLE_MS + 60_000);
      await refreshSlaRollup(later);
      await refreshSlaRollup(later);
      expect(await rowsOf()).toEqual({ settled: 1 });
      expect((await getSlaReport({ range: "24h", partnerId: partner.id, now: later, refresh: false })).overall).toMatchObject({ delivered: 1, attempts: 2 });
      void endpoint;
    } finally {
      await receiver.close();
    }
  });
});
