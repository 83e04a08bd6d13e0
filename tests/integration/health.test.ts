import { beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/v1/health/route";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { getHealthReport } from "@/lib/health/get-health-report";
import { createEndpoint, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// Health numbers against real rows: attempts with known times and latencies, computed by
// Postgres, compared with what a person would work out by hand.

const HOUR = 3_600_000;
// Mid-bucket "now" so "n hours ago" lands in a predictable hourly bucket.
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000);
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

let seq = 0;
async function delivery(partnerId: string, endpointId: string, status: "delivered" | "dead_lettered" | "retrying" = "delivered", deadLetteredAt?: Date) {
  const n = ++seq;
  const order = await db.order.create({
    data: { partnerId, merchantOrderRef: `H-${n}-${Date.now()}`, customerId: "c", customerName: "Asha", customerPhone: "+919800000000", status: "confirmed", trackingToken: `tok-${n}-${Math.random()}` },
  });
  const event = await db.orderEvent.create({ data: { partnerId, orderId: order.id, type: "order_confirmed", occurredAt: NOW, sequence: 1, payload: {} } });
  return db.delivery.create({ data: { eventId: event.id, endpointId, partnerId, status, deadLetteredAt: deadLetteredAt ?? null } });
}

async function attempt(deliveryId: string | null, input: { at: Date; latencyMs: number; success: boolean; statusCode?: number | null; error?: string; trigger?: "automatic" | "manual" | "test"; endpointId?: string }) {
  await db.deliveryAttempt.create({
    data: {
      deliveryId,
      // As perform-attempt.ts writes it: every attempt names its endpoint.
      endpointId: input.endpointId ?? (deliveryId ? (await db.delivery.findUniqueOrThrow({ where: { id: deliveryId } })).endpointId : null),
      trigger: input.trigger ?? "automatic",
      startedAt: input.at,
      success: input.success,
      statusCode: input.statusCode === undefined ? (input.success ? 200 : 500) : input.statusCode,
      latencyMs: input.latencyMs,
      errorMessage: input.error ?? null,
    },
  });
}

/** Postgres percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
}

let partnerId: string;
let steady: string; // 20 successes, latencies 10..200 ms
let flaky: string; // a success, then three failures
let quiet: string; // no traffic at all
const latencies = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);

beforeAll(async () => {
  partnerId = (await createPartner({ name: "Health Co" })).id;
  steady = (await createEndpoint({ partnerId, url: "http://127.0.0.1:9/steady" })).endpoint.id;
  flaky = (await createEndpoint({ partnerId, url: "http://127.0.0.1:9/flaky" })).endpoint.id;
  quiet = (await createEndpoint({ partnerId, url: "http://127.0.0.1:9/quiet" })).endpoint.id;

  for (const [i, latency] of latencies.entries()) {
    const d = await delivery(partnerId, steady);
    await attempt(d.id, { at: ago(1 + (i % 3)), latencyMs: latency, success: true });
  }
  // Flaky: one delivery succeeded 5 h ago; a later one failed three times and was dead-lettered.
  const ok = await delivery(partnerId, flaky);
  await attempt(ok.id, { at: ago(5), latencyMs: 40, success: true });
  const dead = await delivery(partnerId, flaky, "dead_lettered", ago(2));
  await attempt(dead.id, { at: ago(4), latencyMs: 300, success: false, statusCode: 500 });
  await attempt(dead.id, { at: ago(3), latencyMs: 300, success: false, statusCode: 502 });
  await attempt(dead.id, { at: ago(2), latencyMs: 10_000, success: false, statusCode: null, error: "Timed out after 10 s" });
  // Three days ago: inside 7 d, outside 24 h.
  const old = await delivery(partnerId, steady);
  await attempt(old.id, { at: ago(72), latencyMs: 5_000, success: false, statusCode: 503 });

  // Test sends (no delivery row) must never count, however slow or failed.
  await attempt(null, { at: ago(1), latencyMs: 99_999, success: false, statusCode: 500, trigger: "test", endpointId: steady });
  await attempt(null, { at: ago(1), latencyMs: 99_999, success: false, statusCode: 500, trigger: "test", endpointId: quiet });

  // Another partner's traffic must never count either.
  const other = (await createPartner({ name: "Other Health Co" })).id;
  const otherEndpoint = (await createEndpoint({ partnerId: other, url: "http://127.0.0.1:9/other" })).endpoint.id;
  const foreign = await delivery(other, otherEndpoint);
  await attempt(foreign.id, { at: ago(1), latencyMs: 1, success: false });
});

describe("endpoint health", () => {
  it("computes success rate and p95 latency per endpoint exactly as Postgres percentile_cont does", async () => {
    const report = await getHealthReport(partnerId, "24h", NOW);
    const s = report.endpoints.find((e) => e.endpoint_id === steady)!;
    expect(s).toMatchObject({ attempts: 20, delivered: 20, failed: 0, success_rate: 1, consecutive_failures: 0, dead_lettered: 0, last_error: null });
    expect(s.p95_latency_ms).toBeCloseTo(percentileCont(latencies, 0.95), 9);
    expect(s.p95_latency_ms).toBeCloseTo(190.5, 9);
  });

  it("counts failures since the last success, the newest error and dead-lettered deliveries", async () => {
    const report = await getHealthReport(partnerId, "24h", NOW);
    const f = report.endpoints.find((e) => e.endpoint_id === flaky)!;
    expect(f).toMatchObject({ attempts: 4, delivered: 1, failed: 3, success_rate: 0.25, consecutive_failures: 3, dead_lettered: 1 });
    expect(f.p95_latency_ms).toBeCloseTo(percentileCont([40, 300, 300, 10_000], 0.95), 9);
    expect(f.last_error).toEqual({ at: ago(2).toISOString(), endpoint_id: flaky, status_code: null, message: "Timed out after 10 s" });
  });

  it("leaves test sends and other partners' attempts out, and sums the overall figures", async () => {
    const report = await getHealthReport(partnerId, "24h", NOW);
    const q = report.endpoints.find((e) => e.endpoint_id === quiet)!;
    expect(q).toMatchObject({ attempts: 0, success_rate: null, p95_latency_ms: null, last_error: null, consecutive_failures: 0 });
    expect(report.overall).toMatchObject({ attempts: 24, delivered: 21, failed: 3, dead_lettered: 1, consecutive_failures: 3 });
    expect(report.overall.success_rate).toBeCloseTo(21 / 24, 12);
    expect(report.overall.p95_latency_ms).toBeCloseTo(percentileCont([...latencies, 40, 300, 300, 10_000], 0.95), 9);
    expect(report.overall.last_error?.message).toBe("Timed out after 10 s");
  });

  it("buckets attempts by hour, and the bars add up to the summary", async () => {
    const report = await getHealthReport(partnerId, "24h", NOW);
    expect(report.overall.series).toHaveLength(25);
    expect(report.bucket_seconds).toBe(3600);
    const bucketOf = (hoursAgo: number) => report.overall.series.find((b) => b.start === new Date(Math.floor(ago(hoursAgo).getTime() / HOUR) * HOUR).toISOString())!;
    expect(bucketOf(1)).toMatchObject({ delivered: 7, failed: 0 });
    expect(bucketOf(2)).toMatchObject({ delivered: 7, failed: 1 });
    expect(bucketOf(5)).toMatchObject({ delivered: 1, failed: 0 });
    const total = report.overall.series.reduce((n, b) => n + b.delivered + b.failed, 0);
    expect(total).toBe(report.overall.attempts);
    const perEndpoint = report.endpoints.find((e) => e.endpoint_id === flaky)!.series.reduce((n, b) => n + b.failed, 0);
    expect(perEndpoint).toBe(3);
  });

  it("widens to 7 days in 6-hour buckets, including older attempts", async () => {
    const report = await getHealthReport(partnerId, "7d", NOW);
    expect(report.overall.series).toHaveLength(29);
    expect(report.bucket_seconds).toBe(6 * 3600);
    expect(report.overall).toMatchObject({ attempts: 25, failed: 4 });
    const s = report.endpoints.find((e) => e.endpoint_id === steady)!;
    expect(s).toMatchObject({ attempts: 21, failed: 1, consecutive_failures: 0 });
    expect(s.last_error).toMatchObject({ at: ago(72).toISOString(), status_code: 503, message: "HTTP 503" });
  });

  it("reports nothing but the empty list for a partner without endpoints", async () => {
    const fresh = (await createPartner({ name: "Fresh Co" })).id;
    const report = await getHealthReport(fresh, "24h", NOW);
    expect(report.endpoints).toEqual([]);
    expect(report.overall).toMatchObject({ attempts: 0, success_rate: null, p95_latency_ms: null, dead_lettered: 0 });
  });
});

describe("GET /api/v1/health", () => {
  it("answers a partner key with the same numbers for that key's partner only", async () => {
    const { key } = await createApiKey({ kind: "partner", name: "health test", partnerId });
    const res = await callRoute(healthRoute, { method: "GET", path: "/api/v1/health?range=7d", key });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const direct = await getHealthReport(partnerId, "7d");
    expect(res.json.range).toBe("7d");
    expect(res.json.overall).toMatchObject({ attempts: direct.overall.attempts, delivered: direct.overall.delivered, dead_lettered: 1 });
    expect(res.json.endpoints.map((e: { url: string }) => e.url).sort()).toEqual(["http://127.0.0.1:9/flaky", "http://127.0.0.1:9/quiet", "http://127.0.0.1:9/steady"]);
  });

  it("refuses an unknown range with 422 naming the parameter", async () => {
    const { key } = await createApiKey({ kind: "partner", name: "health test", partnerId });
    const res = await callRoute(healthRoute, { method: "GET", path: "/api/v1/health?range=30d", key });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.message).toContain("range");
  });
});
