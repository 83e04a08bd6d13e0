import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { parseXml } from "@/lib/events/xml";
import { createListenSession } from "@/lib/listen/sessions";
import { openListenStream } from "@/lib/listen/stream";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { readSse, type SseMessage } from "@/cli/src/sse";
import { discoverRoutes, startRouteServer, type RouteServer } from "../support/route-server";
import { startTcpProxy } from "../support/tcp-proxy";
import { waitFor } from "../support/app-server";

// `waypoint listen` end to end: the partner API's route handlers on a real HTTP server (the way
// `next start` hands them requests: tests/support/route-server.ts), a TCP proxy in front of it
// that the test can cut, the real CLI as a child process (node cli/bin/waypoint.mjs), and a local
// server that accepts a request only if the stock `standardwebhooks` verifier accepts it.

const ROOT = path.resolve(import.meta.dirname, "../..");

type Received = { id: string; verified: boolean; body: string; contentType: string };

function startLocalServer() {
  const state = { secret: "", received: [] as Received[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        // Only the signature: an XML session's bodies are not JSON.
        new Webhook(state.secret).verify(body, headers, { jsonParse: false });
        verified = true;
      } catch {
        verified = false;
      }
      state.received.push({ id: headers["webhook-id"] ?? "", verified, body, contentType: headers["content-type"] ?? "" });
      res.writeHead(verified ? 200 : 401, { "content-type": "text/plain" }).end(verified ? "ok" : "bad signature");
    });
  });
  return new Promise<{ url: string; state: typeof state; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/webhooks`, state, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) });
    }),
  );
}

type Cli = { child: ChildProcess; stdout: string[]; stderr: string[]; exit: Promise<number> };

function runCli(args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, [path.join(ROOT, "cli/bin/waypoint.mjs"), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buf = "";
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split("\n");
    buf = lines.pop()!;
    stdout.push(...lines.filter(Boolean));
  });
  child.stderr!.on("data", (d: Buffer) => stderr.push(d.toString()));
  const exit = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { child, stdout, stderr, exit };
}

const json = (cli: Cli) => cli.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);

let app: RouteServer;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let local: Awaited<ReturnType<typeof startLocalServer>>;
let partnerId: string;
let partnerKey: string;
let ingestKey: string;
let otherIngestKey: string;
let listener: Cli;
let sessionId: string;
const ingested: string[] = []; // A's event ids, in order
const otherIngested: string[] = [];
let seq = 0;

async function api(pathname: string, init: RequestInit & { key?: string } = {}) {
  const res = await fetch(`${app.url}${pathname}`, { ...init, headers: { "content-type": "application/json", authorization: `Bearer ${init.key ?? partnerKey}`, ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** One order (order_confirmed) and, for every second one, out_for_delivery: through the ingest API. */
async function ingestOrder(key = ingestKey, into = ingested) {
  const ref = `LSN-${++seq}-${Date.now()}`;
  const created = await api("/api/v1/orders", { method: "POST", key, body: JSON.stringify({ merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812345678" }) });
  expect(created.status).toBe(201);
  into.push(created.json.event.event_id);
  if (seq % 2 === 0) {
    const ofd = await api(`/api/v1/orders/${created.json.order_id}/events`, {
      method: "POST",
      key,
      body: JSON.stringify({ event: "out_for_delivery", rider: { name: "Rajesh", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } }),
    });
    expect(ofd.status).toBe(201);
    into.push(ofd.json.event.event_id);
  }
}

const verifiedIds = () => new Set(local.state.received.filter((r) => r.verified).map((r) => r.id));

beforeAll(async () => {
  const partner = await createPartner({ name: "Listen Co" });
  partnerId = partner.id;
  partnerKey = (await createApiKey({ kind: "partner", name: "laptop", partnerId })).key;
  ingestKey = (await createIngestKey(partnerId)).key;
  const other = await createPartner({ name: "Other Listen Co" });
  otherIngestKey = (await createIngestKey(other.id)).key;
  app = await startRouteServer(await discoverRoutes(path.join(ROOT, "app/api/v1")));
  proxy = await startTcpProxy({ host: "127.0.0.1", port: app.port });
  local = await startLocalServer();
});

afterAll(async () => {
  listener?.child.kill("SIGKILL");
  await proxy?.close();
  await app?.close();
  await local?.close();
});

describe("waypoint listen", () => {
  it("forwards every event of the partner, signed with the session's secret, and reports each into the Event Log as a CLI attempt", async () => {
    listener = runCli(["listen", "--forward-to", local.url, "--json"], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: proxy.url });
    await waitFor(() => listener.stdout.length > 0, 20_000, "the CLI's session line");
    const session = json(listener)[0]!;
    expect(session).toMatchObject({ type: "session", forward_to: local.url, events: [], format: "json", schema_version: "v2" });
    expect(String(session.secret)).toMatch(/^whsec_/);
    expect(listener.stdout.join("\n") + listener.stderr.join("")).not.toContain(partnerKey); // the key is never echoed
    local.state.secret = String(session.secret);
    sessionId = String(session.session_id);

    for (let i = 0; i < 10; i++) {
      await ingestOrder();
      await ingestOrder(otherIngestKey, otherIngested); // another partner's events, at the same time
    }
    await waitFor(() => verifiedIds().size >= ingested.length, 30_000, `${ingested.length} verified events at the local server`);
    expect([...verifiedIds()].sort()).toEqual([...ingested].sort());
    expect(local.state.received.every((r) => r.verified)).toBe(true);
    expect(local.state.received.some((r) => otherIngested.includes(r.id))).toBe(false);
    // One line per event: type, order ref, status, latency.
    const attempts = json(listener).filter((l) => l.type === "attempt");
    expect(attempts).toHaveLength(ingested.length);
    expect(attempts[0]).toMatchObject({ status_code: 200, error: null, test: false });
    expect(typeof attempts[0]!.latency_ms).toBe("number");
    expect(String(attempts[0]!.order_ref)).toMatch(/^LSN-/);

    await waitFor(async () => (await db.listenAttempt.count({ where: { sessionId } })) === ingested.length, 20_000, "every result reported");
    const log = await api("/api/v1/events?limit=500");
    const mine = (log.json.events as { event_id: string; cli_attempts: number; attempts: number; status: string }[]).filter((e) => ingested.includes(e.event_id));
    expect(mine).toHaveLength(ingested.length);
    expect(mine.every((e) => e.cli_attempts === 1 && e.attempts === 0 && e.status === "no_endpoints")).toBe(true);
    const detail = await api(`/api/v1/events/${ingested[0]}`);
    expect(detail.json.cli_attempts).toEqual([
      expect.objectContaining({ session_id: sessionId, forward_to: local.url, success: true, status_code: 200, response_excerpt: "ok" }),
    ]);
    expect(detail.json.deliveries).toEqual([]);

    // Not an endpoint: no slot taken, nothing in health figures.
    const endpoints = await api("/api/v1/endpoints");
    expect(endpoints.json.limit.used).toBe(0);
    const health = await api("/api/v1/health?range=24h");
    expect(health.status).toBe(200);
    expect(health.json.overall.attempts).toBe(0);
  });

  it("resumes after the stream is cut: events recorded meanwhile arrive after the reconnect, each once", async () => {
    const before = ingested.length;
    proxy.cut(); // every connection of the CLI drops, and it cannot reconnect for a while
    for (let i = 0; i < 6; i++) await ingestOrder();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(verifiedIds().size).toBe(before); // nothing could arrive while cut
    proxy.restore();
    for (let i = 0; i < 2; i++) await ingestOrder(); // and some after

    await waitFor(() => verifiedIds().size >= ingested.length, 30_000, "the missed events after the reconnect");
    expect([...verifiedIds()].sort()).toEqual([...ingested].sort());
    const ids = local.state.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // none forwarded twice
    const notes = listener.stderr.join("");
    expect(notes).toContain("stream dropped");
    expect(notes).toMatch(/reconnected; resuming after evt_/);
    await waitFor(async () => (await db.listenAttempt.count({ where: { sessionId } })) === ingested.length, 20_000, "every result reported after the reconnect");
  });

  it("waypoint trigger sends a test event through the same path, and exits 0 only when a session takes it", async () => {
    const run = runCli(["trigger", "delivered", "--json"], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url });
    expect(await run.exit).toBe(0);
    const answer = json(run)[0]!;
    expect(answer).toMatchObject({ type: "trigger", event: "delivered", sessions: [sessionId] });
    await waitFor(() => verifiedIds().has(String(answer.event_id)), 20_000, "the test event at the local server");
    const got = local.state.received.find((r) => r.id === answer.event_id)!;
    expect(JSON.parse(got.body)).toMatchObject({ event: "delivered", test: true });

    const bad = runCli(["trigger", "shipped"], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url });
    expect(await bad.exit).toBe(2);
    const noKey = runCli(["trigger", "delivered"], { WAYPOINT_API_KEY: "", WAYPOINT_URL: app.url });
    expect(await noKey.exit).toBe(3);
    const wrongKey = runCli(["trigger", "delivered"], { WAYPOINT_API_KEY: "wp_live_notakey", WAYPOINT_URL: app.url });
    expect(await wrongKey.exit).toBe(3);
    expect(wrongKey.stderr.join("") + wrongKey.stdout.join("")).not.toContain("wp_live_notakey");
  });

  it("events tail and endpoints list print the Event Log and the endpoints, as JSON lines for scripts", async () => {
    const tail = runCli(["events", "tail", "--once", "--limit", "5", "--json"], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url });
    expect(await tail.exit).toBe(0);
    const lines = json(tail);
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.type === "event" && ingested.includes(String(l.event_id)) && l.cli_attempts === 1)).toBe(true);
    expect(lines.map((l) => l.event_id)).toEqual(ingested.slice(-5)); // oldest first, newest last

    const endpoints = runCli(["endpoints", "list", "--json"], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url });
    expect(await endpoints.exit).toBe(0);
    expect(endpoints.stdout).toEqual([]);
  });

  it("refuses a fourth live session with a message naming the three, and Ctrl-C ends a session", async () => {
    const second = await api("/api/v1/listen/sessions", { method: "POST", body: JSON.stringify({ forward_to: "http://localhost:9999/a" }) });
    const third = await api("/api/v1/listen/sessions", { method: "POST", body: JSON.stringify({ forward_to: "http://localhost:9999/b", events: ["delivered"], format: "xml", schema_version: "v1" }) });
    expect([second.status, third.status]).toEqual([201, 201]);
    const fourth = runCli(["listen", "--forward-to", "http://localhost:9999/c"], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url });
    expect(await fourth.exit).toBe(5);
    expect(fourth.stderr.join("")).toContain("At most 3 listen sessions can run at once");
    expect(fourth.stderr.join("")).toContain(sessionId);

    const stop = runCli(["sessions", "stop", second.json.session_id], { WAYPOINT_API_KEY: partnerKey, WAYPOINT_URL: app.url });
    expect(await stop.exit).toBe(0);
    listener.child.kill("SIGINT");
    expect(await listener.exit).toBe(0);
    expect(await db.listenSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ endReason: "stopped", encryptedSecret: null });
    const list = await api("/api/v1/listen/sessions");
    expect(list.json.data.map((s: { session_id: string }) => s.session_id)).toEqual([third.json.session_id]);
    await api(`/api/v1/listen/sessions/${third.json.session_id}`, { method: "DELETE" });
  });
});

/** Reads a stream's messages until `until` says stop (or it ends); cancels it after. */
async function readUntil(stream: ReadableStream<Uint8Array>, until: (m: SseMessage, all: SseMessage[]) => boolean, timeoutMs = 10_000) {
  const all: SseMessage[] = [];
  const timer = setTimeout(() => void stream.cancel().catch(() => undefined), timeoutMs);
  try {
    for await (const m of readSse(stream)) {
      all.push(m);
      if (until(m, all)) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return all;
}

describe("listen sessions: limits and the resume window", () => {
  it("ends a session idle for 10 minutes (refused on connect), and a connected one that stays idle", async () => {
    const { session } = await createListenSession(partnerId, { forwardTo: "http://localhost:1/x", eventTypes: [], format: "json", schemaVersion: "v2", apiKeyId: null });
    await db.listenSession.update({ where: { id: session.id }, data: { lastActiveAt: new Date(Date.now() - 11 * 60_000) } });
    const res = await api(`/api/v1/listen/sessions/${session.id}/stream`);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain("ended after 10 minutes without activity");

    const { session: live } = await createListenSession(partnerId, { forwardTo: "http://localhost:1/y", eventTypes: [], format: "json", schemaVersion: "v2", apiKeyId: null });
    const stream = await openListenStream(partnerId, live.id, null, { idleMs: 300, checkMs: 100, pollMs: 50 });
    const frames = await readUntil(stream, (m) => m.event === "end");
    expect(frames.at(-1)).toMatchObject({ event: "end" });
    expect(JSON.parse(frames.at(-1)!.data)).toMatchObject({ reason: "idle" });
    expect(await db.listenSession.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ endReason: "idle" });
  });

  it("announces events older than the resume window, or beyond its size, as skipped, and sends the rest", async () => {
    const partner = await createPartner({ name: "Resume Co" });
    const key = (await createIngestKey(partner.id)).key;
    const events: string[] = [];
    for (let i = 0; i < 7; i++) await ingestOrder(key, events);
    const old = events.filter((id) => !events.slice(-2).includes(id));
    await db.orderEvent.updateMany({ where: { id: { in: old } }, data: { createdAt: new Date(Date.now() - 20 * 60_000) } });
    const { session } = await createListenSession(partner.id, { forwardTo: "http://localhost:1/z", eventTypes: [], format: "json", schemaVersion: "v2", apiKeyId: null });
    await db.listenSession.update({ where: { id: session.id }, data: { createdAt: new Date(Date.now() - 30 * 60_000) } });

    const byAge = await readUntil(await openListenStream(partner.id, session.id, null, { pollMs: 50 }), (_m, all) => all.filter((x) => x.event === "webhook").length === 2);
    const skipped = byAge.find((m) => m.event === "skipped")!;
    expect(JSON.parse(skipped.data)).toMatchObject({ count: old.length, reason: "older than the 15-minute resume window" });
    expect(byAge.filter((m) => m.event === "webhook").map((m) => m.id)).toEqual(events.slice(-2));

    const bySize = await readUntil(await openListenStream(partner.id, session.id, null, { pollMs: 50, resumeMaxEvents: 1 }), (_m, all) => all.some((x) => x.event === "webhook"));
    expect(JSON.parse(bySize.find((m) => m.event === "skipped" && m.data.includes("behind"))!.data)).toMatchObject({ count: 1, reason: "more than 1 events behind" });
    expect(bySize.filter((m) => m.event === "webhook").map((m) => m.id)).toEqual(events.slice(-1));
  });
});

describe("waypoint listen --events … --format xml, then its API key is revoked", () => {
  let xmlLocal: Awaited<ReturnType<typeof startLocalServer>>;
  let cli: Cli;
  let xmlPartnerId: string;
  let key: string;
  let keyId: string;
  let xmlIngestKey: string;
  const wanted: { id: string; type: string }[] = [];
  const unwanted: { id: string; type: string }[] = [];

  beforeAll(async () => {
    xmlPartnerId = (await createPartner({ name: "Listen XML Co" })).id;
    ({ key, id: keyId } = await createApiKey({ kind: "partner", name: "xml laptop", partnerId: xmlPartnerId }));
    xmlIngestKey = (await createIngestKey(xmlPartnerId)).key;
    xmlLocal = await startLocalServer();
  });
  afterAll(async () => {
    cli?.child.kill("SIGKILL");
    await xmlLocal?.close();
  });

  /** Posts one step of an order through the ingest API and files its event under wanted or not. */
  async function step(orderId: string, body: Record<string, unknown>, into: typeof wanted) {
    const res = await api(`/api/v1/orders/${orderId}/events`, { method: "POST", key: xmlIngestKey, body: JSON.stringify(body) });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    into.push({ id: res.json.event.event_id, type: String(body.event) });
  }

  it("forwards only the chosen event types, rendered as XML and signed with the session's secret", async () => {
    cli = runCli(["listen", "--forward-to", xmlLocal.url, "--events", "out_for_delivery,delivered", "--format", "xml", "--json"], { WAYPOINT_API_KEY: key, WAYPOINT_URL: app.url });
    await waitFor(() => cli.stdout.length > 0, 20_000, "the CLI's session line");
    const session = json(cli)[0]!;
    expect(session).toMatchObject({ type: "session", events: ["out_for_delivery", "delivered"], format: "xml", schema_version: "v2" });
    xmlLocal.state.secret = String(session.secret);

    // Two orders: every event type but return_initiated, the chosen ones in between the others.
    // The last event recorded is a chosen one, so once it has arrived anything else would have too.
    const rider = { rider: { name: "Rajesh", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } };
    for (const failsFirst of [false, true]) {
      const created = await api("/api/v1/orders", { method: "POST", key: xmlIngestKey, body: JSON.stringify({ merchant_order_ref: `LSX-${++seq}-${Date.now()}`, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812345678" }) });
      expect(created.status).toBe(201);
      unwanted.push({ id: created.json.event.event_id, type: "order_confirmed" });
      const orderId = created.json.order_id as string;
      await step(orderId, { event: "out_for_delivery", ...rider }, wanted);
      if (failsFirst) {
        await step(orderId, { event: "delivery_failed", reason_code: "customer_unavailable" }, unwanted);
        await step(orderId, { event: "out_for_delivery", ...rider, otp: "1234" }, wanted);
      }
      await step(orderId, { event: "delivered", confirmation_method: "otp" }, wanted);
    }

    const last = wanted.at(-1)!.id;
    await waitFor(() => xmlLocal.state.received.some((r) => r.id === last), 30_000, "the last chosen event at the local server");
    expect(xmlLocal.state.received.map((r) => r.id)).toEqual(wanted.map((w) => w.id)); // in order, once each, nothing else
    expect(xmlLocal.state.received.some((r) => unwanted.some((u) => u.id === r.id))).toBe(false);
    for (const [i, r] of xmlLocal.state.received.entries()) {
      expect(r.verified).toBe(true);
      expect(r.contentType).toMatch(/^application\/xml/);
      expect(r.body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<event>/);
      expect(() => JSON.parse(r.body)).toThrow();
      expect(parseXml(r.body)).toMatchObject({ event_id: wanted[i]!.id, event: wanted[i]!.type });
    }
    const attempts = json(cli).filter((l) => l.type === "attempt");
    expect(attempts.map((a) => a.event)).toEqual(wanted.map((w) => w.type));
    expect(attempts.every((a) => a.status_code === 200)).toBe(true);
    const sessionId = String(session.session_id);
    await waitFor(async () => (await db.listenAttempt.count({ where: { sessionId } })) === wanted.length, 20_000, "every result reported");
  });

  it("revoking the key ends the open stream: the CLI says why and exits 5, and the session is over", async () => {
    const sessionId = String(json(cli)[0]!.session_id);
    expect(cli.child.exitCode).toBeNull(); // still listening
    const revokedAt = Date.now();
    await revokeApiKey({ actor: { id: null, email: "admin@listen-xml.test" }, partnerId: xmlPartnerId, kind: "partner", id: keyId });

    // The stream re-checks its key every 5 s.
    const code = await Promise.race([cli.exit, new Promise<string>((r) => setTimeout(() => r("still running after 20 s"), 20_000))]);
    expect(code).toBe(5);
    expect(Date.now() - revokedAt).toBeLessThan(15_000);
    expect(cli.stderr.join("")).toContain("✗ This listen session ended: its API key was revoked.");
    expect(cli.stderr.join("")).not.toContain("reconnecting"); // ended, not dropped
    expect(await db.listenSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ endReason: "key_revoked", encryptedSecret: null, endedAt: expect.any(Date) });
    // The key answers 401 everywhere now; a new listen with it is refused as a key problem (exit 3).
    expect((await api("/api/v1/listen/sessions", { key })).status).toBe(401);
    const again = runCli(["listen", "--forward-to", xmlLocal.url], { WAYPOINT_API_KEY: key, WAYPOINT_URL: app.url });
    expect(await again.exit).toBe(3);
  });
});
