// Ingest as an OMS would drive it: one POST /api/v1/orders through the real handler, at a fixed
// rate (open loop) or as fast as possible (closed loop), and arrival latencies at a receiver.
import type { ReceivedWebhook } from "@/lib/receiver/server";
import { sleep, summarize, type Summary } from "../lib/stats";
import { BURST_MAX_MS, createOrderRoute, INGEST_GRACE_MS, OPEN_LOOP_CAP } from "./harness";

export type Accepted = { eventId: string; startedAt: number; acceptedAt: number };
export let orderSeq = 0;

/** One POST /api/v1/orders through the real route handler; throws unless 201. */
export async function ingestOrder(key: string, tag: string): Promise<Accepted> {
  const seq = ++orderSeq;
  const body = JSON.stringify({ merchant_order_ref: `${tag}-${seq}`, customer_id: `cust-${seq}`, customer_name: "Bench Customer", customer_phone: "+919812345678" });
  const request = new Request("http://bench.local/api/v1/orders", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": `${tag}-${seq}` },
    body,
  });
  const startedAt = Date.now();
  const response = await createOrderRoute(request, {});
  const json = (await response.json()) as { event?: { event_id?: string }; error?: unknown };
  const acceptedAt = Date.now();
  if (response.status !== 201 || !json.event?.event_id) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { eventId: json.event.event_id, startedAt, acceptedAt };
}

export type IngestRun = { accepted: Accepted[]; failures: string[]; firstStart: number; lastAccept: number; acceptedPerSec: number; requestMs: Summary; maxOutstanding: number; cutShort: boolean };

export function ingestSummary(accepted: Accepted[], failures: string[], firstStart: number, maxOutstanding: number, cutShort: boolean): IngestRun {
  const lastAccept = Math.max(...accepted.map((a) => a.acceptedAt));
  return {
    accepted,
    failures,
    firstStart,
    lastAccept,
    acceptedPerSec: (accepted.length * 1000) / Math.max(1, lastAccept - firstStart),
    requestMs: summarize(accepted.map((a) => a.acceptedAt - a.startedAt)),
    maxOutstanding,
    cutShort,
  };
}

/**
 * Open loop: request i starts at t0 + i/rate whatever the earlier ones are doing, with at most
 * `cap` outstanding; stops issuing after the planned duration + INGEST_GRACE_MS.
 */
export async function ingestAtRate(key: string, tag: string, rate: number, count: number, cap = OPEN_LOOP_CAP): Promise<IngestRun> {
  const accepted: Accepted[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxOutstanding = 0;
  let cutShort = false;
  const t0 = Date.now();
  const stopIssuingAt = t0 + (count * 1000) / rate + INGEST_GRACE_MS;
  for (let i = 0; i < count; i++) {
    if (Date.now() > stopIssuingAt) {
      cutShort = true;
      break;
    }
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= cap) await Promise.race(inFlight);
    const p = ingestOrder(key, tag).then(
      (a) => void accepted.push(a),
      (e: Error) => void failures.push(e.message),
    );
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    maxOutstanding = Math.max(maxOutstanding, inFlight.size);
  }
  await Promise.all(inFlight);
  return ingestSummary(accepted, failures, t0, maxOutstanding, cutShort);
}

/** Closed loop: `concurrency` requests in flight until `count` were sent or `maxMs` passed. */
export async function ingestAsFastAsPossible(key: string, tag: string, count: number, concurrency: number, maxMs = BURST_MAX_MS): Promise<IngestRun> {
  const accepted: Accepted[] = [];
  const failures: string[] = [];
  let next = 0;
  const t0 = Date.now();
  let cutShort = false;
  const worker = async () => {
    while (next < count) {
      if (Date.now() - t0 > maxMs) {
        cutShort = true;
        return;
      }
      next++;
      await ingestOrder(key, tag).then(
        (a) => void accepted.push(a),
        (e: Error) => void failures.push(e.message),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ingestSummary(accepted, failures, t0, concurrency, cutShort);
}

/** Ingest-accept → receiver arrival, first arrival per (event, path). Also counts repeats. */
export function arrivalLatencies(received: ReceivedWebhook[], accepted: Accepted[]) {
  const acceptedAt = new Map(accepted.map((a) => [a.eventId, a.acceptedAt]));
  const first = new Map<string, number>();
  let repeats = 0;
  for (const w of received) {
    if (!w.webhookId || !acceptedAt.has(w.webhookId)) continue;
    const k = `${w.webhookId} ${w.path}`;
    const at = w.receivedAt.getTime();
    const seen = first.get(k);
    if (seen === undefined) first.set(k, at);
    else {
      repeats++;
      if (at < seen) first.set(k, at);
    }
  }
  const latencies: number[] = [];
  /** Earliest first arrival per event over its endpoints (isolation has one endpoint per event). */
  const perEvent = new Map<string, number>();
  for (const [k, at] of first) {
    const eventId = k.split(" ")[0]!;
    const latency = at - acceptedAt.get(eventId)!;
    latencies.push(latency);
    perEvent.set(eventId, Math.min(latency, perEvent.get(eventId) ?? Infinity));
  }
  return { latency: summarize(latencies), pairs: first.size, repeats, perEvent };
}
