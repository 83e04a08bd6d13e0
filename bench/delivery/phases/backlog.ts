import { waitFor } from "../../lib/stats";
import { newPartner, receiver, settle } from "../fixtures";
import { BURST_CONCURRENCY, BURST_EVENTS, child, DRAIN_TIMEOUT_MS, ENDPOINTS, ENGINE_OPTIONS } from "../harness";
import { arrivalLatencies, ingestAsFastAsPossible } from "../ingest";
import { cpuMark, cpuSince, waitDelivered } from "../measure";

/**
 * The engine's own throughput: the same 2,000 events × 5 endpoints are accepted while the
 * engine is stopped (a delivery worker restarting, or a burst arriving faster than delivery),
 * then the engine starts and drains the 10,000 due deliveries. Deliveries/s here is the engine
 * alone against the receiver, like the raw ceiling; the burst phase above is ingest and
 * delivery sharing the machine.
 */
export async function backlogPhase() {
  const r = await receiver();
  const paths = Array.from({ length: ENDPOINTS }, (_, i) => `/b${i + 1}`);
  const p = await newPartner(r.rx.url, paths);
  await child!.call({ cmd: "stop" });
  const run = await ingestAsFastAsPossible(p.key, "backlog", BURST_EVENTS, BURST_CONCURRENCY);
  const expected = run.accepted.length * ENDPOINTS;
  const mark = await cpuMark();
  const startedAt = Date.now();
  await child!.call({ cmd: "start", options: ENGINE_OPTIONS });
  await waitFor(() => r.rx.received.length >= expected, DRAIN_TIMEOUT_MS, 20);
  const stats = await waitDelivered(p.partnerId, expected, DRAIN_TIMEOUT_MS);
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(r.rx.received, run.accepted);
  const parked = await settle([p.partnerId]);
  await r.close();
  const drainMs = Math.max(1, stats.lastDeliveredMs - startedAt);
  return {
    events: BURST_EVENTS,
    endpoints: ENDPOINTS,
    expectedDeliveries: expected,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs },
    deliveries: { ...stats, repeats: arrivals.repeats, drainMs, perSec: (stats.delivered * 1000) / drainMs, parkedAfterDrain: parked },
    cpu,
  };
}
