// Steady (open loop at STEADY_RATE) and burst (closed loop): events × ENDPOINTS endpoints, ingest
// and delivery sharing the machine.
import { waitFor } from "../../lib/stats";
import { newPartner, receiver, settle } from "../fixtures";
import { BURST_CONCURRENCY, BURST_EVENTS, DRAIN_TIMEOUT_MS, ENDPOINTS, STEADY_EVENTS, STEADY_RATE } from "../harness";
import { arrivalLatencies, ingestAsFastAsPossible, ingestAtRate } from "../ingest";
import { cpuMark, cpuSince, waitDelivered } from "../measure";

export async function fanOutPhase(kind: "steady" | "burst") {
  const r = await receiver();
  const paths = Array.from({ length: ENDPOINTS }, (_, i) => `/e${i + 1}`);
  const p = await newPartner(r.rx.url, paths);
  const events = kind === "steady" ? STEADY_EVENTS : BURST_EVENTS;
  const mark = await cpuMark();
  const run = kind === "steady" ? await ingestAtRate(p.key, kind, STEADY_RATE, events) : await ingestAsFastAsPossible(p.key, kind, events, BURST_CONCURRENCY);
  const ingestCpu = await cpuSince(mark);
  const expectedNow = run.accepted.length * ENDPOINTS;
  const drainBy = Date.now() + DRAIN_TIMEOUT_MS;
  await waitFor(() => r.rx.received.length >= expectedNow, DRAIN_TIMEOUT_MS, 20);
  const stats = await waitDelivered(p.partnerId, expectedNow, Math.max(1_000, drainBy - Date.now()));
  const cpu = await cpuSince(mark);
  const arrivals = arrivalLatencies(r.rx.received, run.accepted);
  const parked = await settle([p.partnerId]);
  await r.close();
  const wallMs = stats.lastDeliveredMs - run.firstStart;
  return {
    events,
    endpoints: ENDPOINTS,
    expectedDeliveries: expectedNow,
    ingest: { accepted: run.accepted.length, failures: run.failures.length, firstFailure: run.failures[0] ?? null, acceptedPerSec: run.acceptedPerSec, requestMs: run.requestMs, maxOutstanding: run.maxOutstanding, cutShort: run.cutShort, cpu: ingestCpu },
    deliveries: { ...stats, arrivedPairs: arrivals.pairs, repeats: arrivals.repeats, wallMsFirstIngestToLastDelivered: wallMs, perSec: (stats.delivered * 1000) / wallMs, parkedAfterDrain: parked },
    latency: arrivals.latency,
    cpu,
  };
}
