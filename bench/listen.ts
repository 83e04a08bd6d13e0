// `waypoint listen` latency: `npm run bench:listen`. Not a test; prints a report. Measures, per
// event, the time from the ingest request (POST /api/v1/orders) to the signed request reaching
// a local server through the real CLI, over 1,000 events at a steady rate.
//
// Layout: this process runs the app/api/v1 route handlers on a plain HTTP server (as the
// integration test does: tests/support/route-server.ts), the ingest client and the local server
// (which verifies every request with the stock standardwebhooks library); the CLI is a child
// process (node cli/bin/waypoint.mjs listen). Fresh database on the local PostgreSQL, dropped after.
//
// Two runs: "poll only" (the partner has no endpoint, so nothing wakes the stream early: the
// 200 ms poll sets the pace) and "woken" (the partner has an endpoint, ingest announces its
// delivery in this process, and the stream looks at once).
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { fmtMs, sleep, summarize, table, type Summary } from "./lib/stats";
import { startBench } from "./lib/start-bench";

const EVENTS = Number(process.env.BENCH_LISTEN_EVENTS ?? 1_000);
const RATE = Number(process.env.BENCH_LISTEN_RATE ?? 50); // events/s

const ROOT = path.resolve(import.meta.dirname, "..");
// Ingest announces deliveries in-process (wakes the listen streams); no engine runs, so they stay pending.
const { log, database, dropDatabase } = await startBench("waypoint_bench_listen", { WEBHOOK_ALLOW_HOSTS: "127.0.0.1", WEBHOOK_REQUIRE_HTTPS: "0", DELIVERY_ENGINE: "embedded" });

const { createApiKey } = await import("@/lib/api-keys/create-api-key");
const factories = await import("@/prisma/factories");
const { startRouteServer } = await import("@/tests/support/route-server");
const app = await startRouteServer(await benchRoutes());

/**
 * The routes this run calls, built from the same lib functions as their route files, with a
 * partner API key as the caller (what requireRequestScope does for a Bearer key). The route
 * modules themselves do not load under tsx --conditions=react-server: requireRequestScope pulls
 * in next-auth and next/navigation (bench/delivery.ts has the same workaround for ingest).
 */
async function benchRoutes() {
  const { route } = await import("@/lib/http/route");
  const { ingest, ingestResponse } = await import("@/lib/orders/ingest");
  const { authenticateApiKey } = await import("@/lib/api-keys/authenticate");
  const { readJsonBody } = await import("@/lib/http/body");
  const { parseApiBody } = await import("@/lib/endpoints/api-shape");
  const { createListenSessionBodySchema, listenAttemptsBodySchema } = await import("@/lib/listen/api-shape");
  const { createListenSession, stopListenSession, toListenSessionJson } = await import("@/lib/listen/sessions");
  const { openListenStream } = await import("@/lib/listen/stream");
  const { recordListenAttempts } = await import("@/lib/listen/attempts");
  type Ctx = { params: Promise<Record<string, string>> };
  const partner = async (request: Request) => {
    const p = await authenticateApiKey(request, "partner");
    return { partnerId: p.partnerId!, apiKeyId: p.apiKeyId };
  };
  const mounted = (method: string, template: string, handler: (request: Request, ctx: Ctx) => Promise<Response>) => ({ method, template, file: "", handler: route(handler) });
  return [
    mounted("POST", "/api/v1/orders", async (request) => ingestResponse(await ingest(request, { kind: "create" }))),
    mounted("POST", "/api/v1/listen/sessions", async (request) => {
      const { partnerId, apiKeyId } = await partner(request);
      const body = parseApiBody(createListenSessionBodySchema, await readJsonBody(request));
      const { session, secret } = await createListenSession(partnerId, { forwardTo: body.forward_to, eventTypes: body.events ?? [], format: body.format ?? "json", schemaVersion: body.schema_version ?? "v2", apiKeyId });
      return Response.json({ ...toListenSessionJson(session), secret }, { status: 201 });
    }),
    mounted("DELETE", "/api/v1/listen/sessions/{sessionId}", async (request, { params }) => {
      const { partnerId } = await partner(request);
      return Response.json(toListenSessionJson(await stopListenSession(partnerId, (await params).sessionId!)));
    }),
    mounted("GET", "/api/v1/listen/sessions/{sessionId}/stream", async (request, { params }) => {
      const { partnerId } = await partner(request);
      const stream = await openListenStream(partnerId, (await params).sessionId!, request.headers.get("last-event-id"), { signal: request.signal });
      return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store" } });
    }),
    mounted("POST", "/api/v1/listen/sessions/{sessionId}/attempts", async (request, { params }) => {
      const { partnerId } = await partner(request);
      const body = parseApiBody(listenAttemptsBodySchema, await readJsonBody(request));
      return Response.json(await recordListenAttempts(partnerId, (await params).sessionId!, body.attempts));
    }),
  ];
}

type Run = { name: string; fromRequest: Summary; fromAnswer: Summary; verified: number; lost: number };

async function run(name: string, withEndpoint: boolean): Promise<Run> {
  const partner = await factories.createPartner({ name: `Bench ${name}` });
  if (withEndpoint) await factories.createEndpoint({ partnerId: partner.id, url: "http://127.0.0.1:9/hook" });
  const partnerKey = (await createApiKey({ kind: "partner", name: "bench", partnerId: partner.id })).key;
  const ingestKey = (await factories.createIngestKey(partner.id)).key;

  let secret = "";
  const arrived = new Map<string, number>();
  let verified = 0;
  const local = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      try {
        new Webhook(secret).verify(Buffer.concat(chunks).toString("utf8"), headers);
        verified++;
        arrived.set(headers["webhook-id"]!, at);
        res.writeHead(200).end("ok");
      } catch {
        res.writeHead(401).end("bad signature");
      }
    });
  });
  await new Promise<void>((r) => local.listen(0, "127.0.0.1", r));
  const forward = `http://127.0.0.1:${(local.address() as AddressInfo).port}/webhooks`;

  const cli = spawn(process.execPath, [path.join(ROOT, "cli/bin/waypoint.mjs"), "listen", "--forward-to", forward, "--json"], {
    cwd: ROOT,
    env: { ...process.env, WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  secret = await new Promise<string>((resolve) => {
    let buf = "";
    cli.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const first = buf.split("\n")[0]!;
      if (buf.includes("\n") && !secret) resolve((JSON.parse(first) as { secret: string }).secret);
    });
  });
  cli.stdout!.resume();
  await sleep(1_000); // the stream is open

  const sentAt = new Map<string, { request: number; answer: number }>();
  const ingestOne = async (i: number) => {
    const t0 = performance.now();
    const res = await fetch(`${app.url}/api/v1/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
      body: JSON.stringify({ merchant_order_ref: `B-${name}-${i}`, customer_id: "c", customer_name: "Bench", customer_phone: "+919812345678" }),
    });
    const json = (await res.json()) as { event: { event_id: string } };
    sentAt.set(json.event.event_id, { request: t0, answer: performance.now() });
  };
  log(`${name}: ${EVENTS} events at ${RATE}/s`);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(ingestOne(i));
  }
  await Promise.all(inflight);
  const deadline = Date.now() + 30_000;
  while (arrived.size < EVENTS && Date.now() < deadline) await sleep(100);

  cli.kill("SIGINT");
  await new Promise((r) => cli.once("exit", r));
  await new Promise<void>((r) => (local.closeAllConnections(), local.close(() => r())));

  const fromRequest: number[] = [];
  const fromAnswer: number[] = [];
  for (const [id, t] of sentAt) {
    const at = arrived.get(id);
    if (at === undefined) continue;
    fromRequest.push(at - t.request);
    fromAnswer.push(at - t.answer);
  }
  return { name, fromRequest: summarize(fromRequest), fromAnswer: summarize(fromAnswer), verified, lost: EVENTS - arrived.size };
}

try {
  const runs = [await run("poll only (no endpoint)", false), await run("woken (ingest in this process)", true)];
  console.log(`\nwaypoint listen: ingest → local server through the CLI, ${EVENTS} events at ${RATE}/s each run\n`);
  console.log(
    table(
      ["run", "verified", "lost", "from request p50", "p95", "p99", "max", "from 201 p50", "p95"],
      runs.map((r) => [r.name, String(r.verified), String(r.lost), fmtMs(r.fromRequest.p50), fmtMs(r.fromRequest.p95), fmtMs(r.fromRequest.p99), fmtMs(r.fromRequest.max), fmtMs(r.fromAnswer.p50), fmtMs(r.fromAnswer.p95)]),
    ),
  );
} finally {
  await app.close();
  const { db } = await import("@/lib/db/client");
  const { closeSqlPool } = await import("@/lib/db/sql");
  await Promise.race([Promise.all([db.$disconnect(), closeSqlPool()]), sleep(5_000)]);
  await dropDatabase(database.name).catch((e: Error) => log(`could not drop ${database.name}: ${e.message}`));
}
process.exit(0);
