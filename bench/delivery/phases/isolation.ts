// Slow-endpoint isolation: a fast endpoint's latency with and without a slow endpoint's backlog
// filling the engine's lane.
import { sleep, summarize, waitFor } from "../../lib/stats";
import { newPartner, receiver, settle } from "../fixtures";
import { DELIVERY_CHANNEL, FAST_DRAIN_TIMEOUT_MS, ISO_RATE, ISO_SECONDS, log, SLOW_BACKLOG, SLOW_HOLD_MS, SLOW_MS, slowTarget, sql } from "../harness";
import { arrivalLatencies, ingestAtRate, ingestOrder } from "../ingest";
import { childStats, cpuMark, cpuSince, deliveryStats } from "../measure";

export type Sample = { t: number; engineInFlight: number; receiverOpen: number };

export async function isolationPhase(label: string, withSlow: boolean) {
  const fast = await receiver();
  const fastPartner = await newPartner(fast.rx.url, ["/fast"]);
  let slow: Awaited<ReturnType<typeof receiver>> | null = null;
  let slowPartner: Awaited<ReturnType<typeof newPartner>> | null = null;
  let filledAt = Date.now();
  let fillMs = 0;
  const samples: Sample[] = [];
  let sampling = false;
  let sampler: Promise<void> = Promise.resolve();

  if (withSlow) {
    slow = await receiver({ slowMs: SLOW_MS });
    // Default partner settings (timeoutMs 10 s, retries 30 s / 2 min / 8 min).
    slowPartner = await newPartner(slow.rx.url, ["/slow"]);
    // One real event through the API, then SLOW_BACKLOG-1 copies of it in one statement: the
    // backlog's creation is not what is measured here, only its effect on the fast endpoint.
    const template = await ingestOrder(slowPartner.key, `${label}-slow-template`);
    const seeded = await sql.query(
      `WITH ev AS (
         INSERT INTO "OrderEvent" (id, "partnerId", "orderId", type, "occurredAt", sequence, payload, "createdAt")
         SELECT 'evt_bench_' || md5(random()::text || g), "partnerId", "orderId", type, "occurredAt", sequence + g, jsonb_set(payload, '{sequence}', to_jsonb(sequence + g)), now()
           FROM "OrderEvent", generate_series(1, $2::int) g WHERE id = $1
         RETURNING id, "partnerId")
       INSERT INTO "Delivery" (id, "eventId", "endpointId", "partnerId", status, "nextAttemptAt", "createdAt", "updatedAt")
       SELECT 'dlv_bench_' || md5(ev.id), ev.id, $3, ev."partnerId", 'pending', now(), now(), now() FROM ev`,
      [template.eventId, SLOW_BACKLOG - 1, slowPartner.endpoints[0]!.id],
    );
    await sql.query(`SELECT pg_notify($1, '')`, [DELIVERY_CHANNEL]);
    const seededAt = Date.now();
    const full = await waitFor(async () => (await childStats()).inFlight >= slowTarget, 10_000, 50);
    filledAt = Date.now();
    fillMs = filledAt - seededAt;
    log(`${label}: ${seeded.rowCount} slow deliveries seeded; engine in flight ${full ? "reached" : "did NOT reach"} ${slowTarget} after ${fillMs} ms`);
    await sleep(300); // let the agent hand out sockets and the receiver see them
    sampling = true;
    sampler = (async () => {
      while (sampling) {
        const s = await childStats().catch(() => null);
        if (!s) break;
        samples.push({ t: Date.now(), engineInFlight: s.inFlight, receiverOpen: slow!.open() });
        await sleep(200);
      }
    })();
  }

  const mark = await cpuMark();
  const run = await ingestAtRate(fastPartner.key, `${label}-fast`, ISO_RATE, ISO_RATE * ISO_SECONDS);
  const windowEnd = Date.now();
  await waitFor(() => fast.rx.received.length >= run.accepted.length, FAST_DRAIN_TIMEOUT_MS, 20);
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(fast.rx.received, run.accepted);
  const fastStats = await deliveryStats(fastPartner.partnerId);
  // When in the window the fast endpoint suffered: p95 per 2 s slice (by ingest time), and the raw points.
  const timeline = run.accepted.map((a) => ({ atMs: a.startedAt - run.firstStart, latencyMs: arrivals.perEvent.get(a.eventId) ?? null }));
  const slices = Array.from({ length: Math.ceil(ISO_SECONDS / 2) }, (_, i) => {
    const inSlice = timeline.filter((p) => p.atMs >= i * 2000 && p.atMs < (i + 1) * 2000);
    const missing = inSlice.filter((p) => p.latencyMs === null).length;
    return { fromS: i * 2, toS: (i + 1) * 2, p95: summarize(inSlice.flatMap((p) => (p.latencyMs === null ? [] : [p.latencyMs]))).p95, missing };
  });

  let slowReport = null;
  if (slow && slowPartner) {
    const holdUntil = filledAt + SLOW_HOLD_MS;
    if (Date.now() < holdUntil) await sleep(holdUntil - Date.now());
    sampling = false;
    await sampler;
    const inWindow = samples.filter((s) => s.t <= windowEnd);
    const outcomes = await sql.query<{ success: boolean; error_class: string | null; n: string }>(
      `SELECT a.success, a."errorClass" AS error_class, count(*) AS n
         FROM "DeliveryAttempt" a JOIN "Delivery" d ON d.id = a."deliveryId"
        WHERE d."endpointId" = $1 GROUP BY 1, 2 ORDER BY 3 DESC`,
      [slowPartner.endpoints[0]!.id],
    );
    const receiverArrived = slow.rx.received.length;
    // Stop the backlog, cut off the held requests, wait for the engine to record them.
    const slowRx = slow;
    await settle([slowPartner.partnerId, fastPartner.partnerId], () => slowRx.close());
    const engine = summarize(inWindow.map((s) => s.engineInFlight));
    const open = summarize(inWindow.map((s) => s.receiverOpen));
    slowReport = {
      backlog: SLOW_BACKLOG,
      slowMs: SLOW_MS,
      fillMs,
      engineInFlightDuringWindow: { min: engine.min, median: engine.p50, max: engine.max },
      receiverOpenDuringWindow: { min: open.min, median: open.p50, max: open.max },
      receiverArrivedTotal: receiverArrived,
      attemptOutcomesAfterHoldMs: SLOW_HOLD_MS,
      attemptOutcomes: outcomes.rows.map((o) => ({ success: o.success, errorClass: o.error_class, count: Number(o.n) })),
      samples: samples.map((s) => ({ ...s, t: s.t - filledAt })),
    };
  }
  if (!withSlow) await settle([fastPartner.partnerId]);
  await fast.close();
  return {
    label,
    rate: ISO_RATE,
    seconds: ISO_SECONDS,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs },
    fast: { latency: arrivals.latency, pairs: arrivals.pairs, delivered: fastStats.delivered, notDelivered: fastStats.notDelivered, failedAttempts: fastStats.failedAttempts, slices, timeline },
    /** ms from the slow lane filling to the first fast ingest (slow answers come back SLOW_MS after they went out). */
    windowStartAfterFillMs: withSlow ? run.firstStart - filledAt : null,
    slow: slowReport,
    cpu,
  };
}
