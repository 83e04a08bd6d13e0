// Order intake benchmark: `npm run bench:intake`. Not a test; prints a report and writes
// bench/results/intake.json. A fresh database on the local PostgreSQL server (dropped at the
// end), the real route handlers on a real HTTP server (tests/support/route-server.ts, as `next
// start` hands requests over), Shopify orders/create payloads signed like Shopify signs them, one
// endpoint on a local receiver, and the embedded delivery engine in a child process (as in
// bench:delivery). Reports:
//   steady  open loop at BENCH_INTAKE_RATE orders/s: channel POST → 201 and channel POST → the
//           order_confirmed webhook's arrival at the partner's endpoint (p50/p95/p99);
//   burst   closed loop, 20 channels at once: orders accepted per second, and the same latencies.
import { EventEmitter } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { EngineChild } from "./lib/child";
import { fmtMs, fmtNum, fmtRate, round, sleep, summarize, table, waitFor } from "./lib/stats";
import { startBench } from "./lib/start-bench";

const RATE = Number(process.env.BENCH_INTAKE_RATE ?? 50);
const STEADY = Number(process.env.BENCH_INTAKE_STEADY ?? 500);
const BURST = Number(process.env.BENCH_INTAKE_BURST ?? 1_000);
const CONCURRENCY = 20;
const SHOPIFY_SECRET = "shpss_bench0123456789abcdef0123456789";

// The route server adds a close listener per request on a keep-alive socket; a few thousand are expected here.
EventEmitter.defaultMaxListeners = 0;
// DELIVERY_ENGINE stays off here: the engine runs in the child.
const { log, database, dropDatabase } = await startBench("waypoint_bench_intake", { WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_REQUIRE_HTTPS: "0" });

let child: EngineChild | null = null;
const closers: (() => Promise<void>)[] = [];
try {
  const { db } = await import("@/lib/db/client");
  const { startReceiver } = await import("@/lib/receiver/server");
  const { createEndpoint, createPartner } = await import("@/prisma/factories");
  const { createOrderSource } = await import("@/lib/intake/sources");
  const { INTAKE_RATE_LIMIT } = await import("@/lib/intake/receive");
  const { startRouteServer } = await import("@/tests/support/route-server");
  const intakeRoute = await import("@/app/api/v1/intake/[sourceId]/route");
  const { shopifyHeaders, shopifyOrder } = await import("@/tests/support/intake");
  INTAKE_RATE_LIMIT.limit = 1_000_000; // measuring the path, not the limiter

  const arrivals = new Map<string, number>();
  const receiver = await startReceiver({ onRequest: (w) => void arrivals.set(String((JSON.parse(w.body) as { merchant_order_ref?: string }).merchant_order_ref), Date.now()) });
  closers.push(() => receiver.close());
  const app = await startRouteServer([{ method: "POST", template: "/api/v1/intake/{sourceId}", file: "app/api/v1/intake/[sourceId]/route.ts", handler: intakeRoute.POST as never }]);
  closers.push(() => app.close());
  const partner = await createPartner({ name: "Bench Intake Co" });
  await db.partner.update({ where: { id: partner.id }, data: { smsEnabled: true } });
  await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/orders`, eventTypes: ["order_confirmed"] });
  const { source } = await createOrderSource(partner.id, { type: "shopify", name: "Bench store", secret: SHOPIFY_SECRET }, { id: null, email: "bench" });
  const url = `${app.url}/api/v1/intake/${source.id}`;

  child = await EngineChild.spawn("intake", { LOG_LEVEL: "warn", DATABASE_URL: database.url });
  await child.call({ cmd: "start", options: {} });

  type Sample = { ref: string; sentAt: number; answeredMs: number; status: number };
  let n = 0;
  async function send(): Promise<Sample> {
    const ref = `#B${++n}`;
    const body = shopifyOrder({ ref });
    const sentAt = Date.now();
    const res = await fetch(url, { method: "POST", headers: shopifyHeaders(SHOPIFY_SECRET, body), body });
    await res.arrayBuffer();
    return { ref, sentAt, answeredMs: Date.now() - sentAt, status: res.status };
  }
  async function settle(samples: Sample[]) {
    const ok = samples.filter((s) => s.status === 201);
    await waitFor(() => ok.every((s) => arrivals.has(s.ref)), 30_000);
    const endToEnd = ok.filter((s) => arrivals.has(s.ref)).map((s) => arrivals.get(s.ref)! - s.sentAt);
    return { accepted: ok.length, failed: samples.length - ok.length, delivered: endToEnd.length, answer: summarize(samples.map((s) => s.answeredMs)), firstArrival: summarize(endToEnd) };
  }

  for (let i = 0; i < 50; i++) await send(); // warm-up: JIT, pools, prepared statements
  await sleep(500);

  log(`steady: ${STEADY} orders at ${RATE}/s`);
  const steadyPromises: Promise<Sample>[] = [];
  const steadyStart = Date.now();
  for (let i = 0; i < STEADY; i++) {
    const due = steadyStart + (i * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    steadyPromises.push(send());
  }
  const steady = await settle(await Promise.all(steadyPromises));

  log(`burst: ${BURST} orders, ${CONCURRENCY} at once`);
  const burstSamples: Sample[] = [];
  const burstStart = Date.now();
  let issued = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < BURST) {
        issued++;
        burstSamples.push(await send());
      }
    }),
  );
  const burstSeconds = (Date.now() - burstStart) / 1000;
  const burst = await settle(burstSamples);

  const rows = [
    ["steady", `${RATE}/s open loop: accepted / delivered`, `${steady.accepted} / ${steady.delivered}`, "", ""],
    ["", "channel POST → 201 answer p50 / p95 / p99", `${fmtMs(steady.answer.p50)} / ${fmtMs(steady.answer.p95)} / ${fmtMs(steady.answer.p99)}`, "", ""],
    ["", "channel POST → first endpoint arrival p50 / p95 / p99", `${fmtMs(steady.firstArrival.p50)} / ${fmtMs(steady.firstArrival.p95)} / ${fmtMs(steady.firstArrival.p99)}`, "", ""],
    ["burst", `${CONCURRENCY} at once: orders accepted per second`, fmtRate(burst.accepted / burstSeconds), `${fmtNum(burst.accepted)} accepted, ${fmtNum(burst.failed)} failed`, ""],
    ["", "channel POST → 201 answer p50 / p95", `${fmtMs(burst.answer.p50)} / ${fmtMs(burst.answer.p95)}`, "", ""],
    ["", "channel POST → first endpoint arrival p50 / p95", `${fmtMs(burst.firstArrival.p50)} / ${fmtMs(burst.firstArrival.p95)}`, "", ""],
  ];
  console.log(`\nOrder intake (Shopify orders/create, ${(shopifyOrder().length / 1024).toFixed(1)} KB signed bodies, 1 endpoint, embedded engine in a child process)\n`);
  console.log(table(["phase", "measure", "result", "", ""], rows));
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    steady: { rate: RATE, ...steady, answer: roundSummary(steady.answer), firstArrival: roundSummary(steady.firstArrival) },
    burst: { concurrency: CONCURRENCY, acceptedPerSec: round(burst.accepted / burstSeconds), ...burst, answer: roundSummary(burst.answer), firstArrival: roundSummary(burst.firstArrival) },
  };
  await mkdir(path.join(process.cwd(), "bench", "results"), { recursive: true });
  await writeFile(path.join(process.cwd(), "bench", "results", "intake.json"), `${JSON.stringify(report, null, 2)}\n`);
  await db.$disconnect();
  const { closeSqlPool } = await import("@/lib/db/sql");
  await closeSqlPool();
} finally {
  await child?.close().catch(() => {});
  for (const close of closers) await close().catch(() => {});
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
  log(`database ${database.name} dropped`);
}

function roundSummary(s: ReturnType<typeof summarize>) {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v)]));
}
