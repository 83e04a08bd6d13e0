import path from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { API_BODY_LIMITS } from "@/lib/http/body";
import { INTAKE_BODY_LIMITS } from "@/lib/intake/receive";
import { createOrderSource } from "@/lib/intake/sources";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { chunk, rawRequest, type RawAnswer } from "../support/raw-http";
import { discoverRoutes, startRouteServer, type MountedRoute, type RouteServer } from "../support/route-server";

// Request bodies over a real socket: every app/api/v1 route that takes a body, mounted on a Node
// HTTP server the way `next start` hands requests over (tests/support/route-server.ts). The
// cheap refusals come first and none of these requests writes anything or reaches a 5xx.

// No one is signed in: a request without an API key meets the session check and gets a 401.
vi.mock("@/lib/auth/config", () => ({ auth: async () => null, signIn: async () => undefined, signOut: async () => undefined, unstable_update: async () => undefined, handlers: {} }));

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const LIMIT = API_BODY_LIMITS.maxBytes;
const MB = 1024 * 1024;

let server: RouteServer;
let routes: MountedRoute[];
let ingestKey: string;
let partnerKey: string;
let ids: Record<string, string>;

const bodyRoutes = () => routes.filter((r) => ["POST", "PUT", "PATCH"].includes(r.method));
// A sales channel's intake URL has no API key: its signature covers the body, so it is checked after
// the bounded read (tested on its own below); every other route authenticates before reading.
const isIntake = (r: MountedRoute) => r.template === "/api/v1/intake/{sourceId}";
const isIngest = (r: MountedRoute) => r.template.startsWith("/api/v1/orders") && r.method === "POST";
const pathOf = (r: MountedRoute) => r.template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
const order = (ref: string) => JSON.stringify({ merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812345678" });

async function counts() {
  const [orders, events, deliveries, idempotency, endpoints, attempts, audit] = await Promise.all([
    db.order.count(),
    db.orderEvent.count(),
    db.delivery.count(),
    db.idempotencyKey.count(),
    db.endpoint.count(),
    db.deliveryAttempt.count(),
    db.auditLog.count(),
  ]);
  return { orders, events, deliveries, idempotency, endpoints, attempts, audit };
}

/** The request answered with `status`, said so in JSON, and closed the connection (no more of the body is read). */
function expectRefusal(res: RawAnswer, status: number, label: string) {
  expect(res.status, `${label}: ${res.text}`).toBe(status);
  expect((res.json as { error?: { message?: string } }).error?.message, label).toBeTruthy();
  expect(res.headers.connection, label).toBe("close");
}

beforeAll(async () => {
  const partner = await createPartner({ name: "Body Limits Co" });
  ingestKey = (await createIngestKey(partner.id)).key;
  partnerKey = (await createApiKey({ kind: "partner", name: "limits", partnerId: partner.id })).key;
  const { endpoint } = await createEndpoint({ partnerId: partner.id, url: "http://127.0.0.1:9/limits" });
  routes = await discoverRoutes(API_DIR);
  server = await startRouteServer(routes);
  const created = await rawRequest(server.port, { path: "/api/v1/orders", headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json", "content-length": Buffer.byteLength(order("LIMITS-0")) }, body: [order("LIMITS-0")] });
  expect(created.status, created.text).toBe(201);
  expect(created.headers.connection).not.toBe("close"); // a body read to its end keeps the connection
  const delivery = await db.delivery.findFirstOrThrow({ where: { partnerId: partner.id } });
  const { source } = await createOrderSource(partner.id, { type: "woocommerce", name: "Limits store" }, { id: null, email: "test" });
  ids = { orderId: (created.json as { order_id: string }).order_id, endpointId: endpoint.id, deliveryId: delivery.id, eventId: delivery.eventId, sourceId: source.id, intakeId: "ilg_none" };
});

afterAll(async () => {
  await server?.close();
});

describe("request bodies over a real socket", () => {
  it("finds the routes that take a body (the walk itself works)", () => {
    const keys = bodyRoutes().map((r) => `${r.method} ${r.template}`);
    expect(keys).toEqual(expect.arrayContaining(["POST /api/v1/orders", "POST /api/v1/orders/{orderId}/events", "POST /api/v1/endpoints", "PATCH /api/v1/endpoints/{endpointId}", "POST /api/v1/deliveries/retry"]));
  });

  it("reads bodies through lib/http/body only: no route reads one any other way", () => {
    const files = [...new Set(routes.map((r) => r.file))];
    const direct = files.filter((file) => /request\.(json|text|formData|arrayBuffer|blob|body)\b|\.clone\(\)/.test(readFileSync(file, "utf8")));
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(direct).toEqual([]);
  });

  it("answers an oversized body without a valid API key with 401 before reading it, on every route that takes a body", async () => {
    const before = await counts();
    const cases = bodyRoutes().filter((r) => !isIntake(r)).flatMap((r) => [
      { r, label: "no key", headers: {} as Record<string, string> },
      { r, label: "wrong key", headers: { authorization: `Bearer ${isIngest(r) ? "wp_ingest" : "wp_live"}_NotARealKey0000000000000000000` } },
    ]);
    for (const { r, label, headers } of cases) {
      // 50 MB declared; the first 64 KiB sent, then the client waits: only an answer given
      // without the body can arrive.
      const res = await rawRequest(server.port, {
        method: r.method,
        path: pathOf(r),
        headers: { ...headers, "content-type": "application/json", "content-length": 50 * MB },
        body: ["x".repeat(LIMIT)],
        timeoutMs: 10_000,
      });
      expectRefusal(res, 401, `${r.method} ${r.template} (${label})`);
      expect(res.sentWhenAnswered).toBeLessThanOrEqual(LIMIT);
    }
    expect(cases.length).toBeGreaterThanOrEqual(10);
    expect(await counts()).toEqual(before);
  });

  it("answers a valid key with a declared oversized body with 413 naming the limit, before any of it is sent", async () => {
    const before = await counts();
    for (const r of bodyRoutes().filter((x) => !isIntake(x) && !/endpoints\/\{endpointId\}\/rotate-secret|\/check$|\/deliveries\/\{deliveryId\}|\/intake-log\/\{intakeId\}\/replay/.test(x.template))) {
      const res = await rawRequest(server.port, {
        method: r.method,
        path: pathOf(r),
        headers: { authorization: `Bearer ${isIngest(r) ? ingestKey : partnerKey}`, "content-type": "application/json", "content-length": 50 * MB },
        timeoutMs: 10_000,
      });
      expectRefusal(res, 413, `${r.method} ${r.template}`);
      expect(res.sentWhenAnswered).toBe(0);
      expect((res.json as { error: { message: string; details: unknown } }).error).toMatchObject({
        code: "payload_too_large",
        message: "Request body is larger than the 64 KiB (65536 bytes) this endpoint accepts.",
        details: { limit_bytes: 65536 },
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("intake URL: an unknown source is 404 before reading; a known one refuses a declared or streamed body over its own limit with 413", async () => {
    const before = await counts();
    const unknown = await rawRequest(server.port, { path: "/api/v1/intake/src_NotARealSource0000000000000", headers: { "content-type": "application/json", "content-length": 50 * MB }, body: ["x".repeat(LIMIT)], timeoutMs: 10_000 });
    expectRefusal(unknown, 404, "intake, unknown source");
    expect(unknown.sentWhenAnswered).toBeLessThanOrEqual(LIMIT);
    const declared = await rawRequest(server.port, { path: `/api/v1/intake/${ids.sourceId}`, headers: { "content-type": "application/json", "content-length": 50 * MB }, timeoutMs: 10_000 });
    expectRefusal(declared, 413, "intake, declared");
    expect(declared.sentWhenAnswered).toBe(0);
    expect((declared.json as { error: { message: string } }).error.message).toBe(`Request body is larger than the 256 KiB (${INTAKE_BODY_LIMITS.maxBytes} bytes) this endpoint accepts.`);
    const piece = Buffer.alloc(16 * 1024, "a");
    const streamed = await rawRequest(server.port, { path: `/api/v1/intake/${ids.sourceId}`, headers: { "content-type": "application/json", "transfer-encoding": "chunked" }, body: Array.from({ length: 8 * 64 }, () => chunk(piece)), timeoutMs: 10_000 });
    expectRefusal(streamed, 413, "intake, chunked");
    expect(streamed.sentWhenAnswered).toBeLessThan(8 * MB);
    expect(await counts()).toEqual(before);
  });

  it("stops reading a chunked body with no length one byte past the limit (413), taking little more than the limit off the socket", async () => {
    const before = await counts();
    const piece = Buffer.alloc(16 * 1024, "a");
    const res = await rawRequest(server.port, {
      path: "/api/v1/orders",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json", "transfer-encoding": "chunked" },
      body: Array.from({ length: 8 * 64 }, () => chunk(piece)), // 8 MiB, if the server kept reading
      timeoutMs: 10_000,
    });
    expectRefusal(res, 413, "chunked");
    await new Promise((r) => setTimeout(r, 200));
    const served = server.served.at(-1)!;
    expect(served.status).toBe(413);
    // Socket and parser buffers hold a few hundred KB at most; the 8 MiB never came in.
    expect(served.bytesReadAtClose ?? served.bytesReadAtAnswer).toBeLessThan(2 * MB);
    expect(res.sentWhenAnswered).toBeLessThan(8 * MB);
    expect(await counts()).toEqual(before);
  });

  it("takes no more than its Content-Length even when more follows (a lying length), and never answers 5xx", async () => {
    const before = await counts();
    const body = order("LYING-1");
    // The length covers only part of the JSON; the rest, and 1 MB more, are not this body (sent a
    // moment later, so the route's answer comes first; Node then refuses the rest as a bad request).
    const short = await rawRequest(server.port, {
      path: "/api/v1/orders",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json", "content-length": 20 },
      body: [body.slice(0, 20), 300, body.slice(20) + "x".repeat(MB)],
      timeoutMs: 10_000,
    });
    expect(short.status, short.text).toBe(400);
    expect((short.json as { error: { message: string } }).error.message).toBe("Request body is not valid JSON.");

    // Both framings at once (request smuggling): refused by Node's parser, never reaches a route.
    const both = await rawRequest(server.port, {
      path: "/api/v1/orders",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json", "content-length": 10, "transfer-encoding": "chunked" },
      body: [chunk(body), chunk("")],
      timeoutMs: 10_000,
    });
    expect(both.status).toBe(400);

    // A length that promises more than ever comes: the read deadline ends it (below), never a hang.
    expect(await counts()).toEqual(before);
  });

  it("gives up on a body that trickles in (408 after the read deadline, not the server's 5-minute request timeout)", async () => {
    const before = await counts();
    const body = order("SLOW-1");
    const drip = [...body].flatMap((c) => [c, 250]); // one byte every 250 ms: ~25 s for the whole body
    const res = await rawRequest(server.port, {
      path: "/api/v1/orders",
      headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      body: drip,
      timeoutMs: API_BODY_LIMITS.timeoutMs + 5_000,
    });
    expectRefusal(res, 408, "slow body");
    expect(res.elapsedMs).toBeGreaterThanOrEqual(API_BODY_LIMITS.timeoutMs - 100);
    expect(res.elapsedMs).toBeLessThan(API_BODY_LIMITS.timeoutMs + 3_000);
    expect(await counts()).toEqual(before);
  }, 30_000);

  it("refuses a declared non-JSON Content-Type with 415 before reading; takes a missing one as JSON", async () => {
    const before = await counts();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "multipart/form-data; boundary=x"]) {
      const body = order(`CT-${type}`);
      const res = await rawRequest(server.port, { path: "/api/v1/orders", headers: { authorization: `Bearer ${ingestKey}`, "content-type": type, "content-length": Buffer.byteLength(body) }, body: [body] });
      expect(res.status, type).toBe(415);
      expect((res.json as { error: { message: string } }).error.message).toMatch(/^Content-Type must be application\/json/);
    }
    expect(await counts()).toEqual(before);

    for (const [type, ref] of [[undefined, "CT-NONE"], ["application/json; charset=utf-8", "CT-UTF8"]] as const) {
      const body = order(ref);
      const res = await rawRequest(server.port, { path: "/api/v1/orders", headers: { authorization: `Bearer ${ingestKey}`, ...(type ? { "content-type": type } : {}), "content-length": Buffer.byteLength(body) }, body: [body] });
      expect(res.status, res.text).toBe(201);
    }
  });

  it("reads a body of exactly the limit and judges it on its content; one byte more is 413", async () => {
    const before = await counts();
    const base = JSON.parse(order("EXACT-1")) as Record<string, string>;
    const unpadded = JSON.stringify({ ...base, notes: "" }).length;
    const exact = JSON.stringify({ ...base, notes: "n".repeat(LIMIT - unpadded) });
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    const send = (text: string) =>
      rawRequest(server.port, { path: "/api/v1/orders", headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json", "transfer-encoding": "chunked" }, body: [chunk(text), chunk("")] });
    const atLimit = await send(exact);
    expect(atLimit.status, atLimit.text).toBe(422); // read in full: refused for its unknown field, not its size
    expect((atLimit.json as { error: { message: string } }).error.message).toMatch(/notes: unknown field/);
    const over = await send(exact + " ");
    expect(over.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("answered every request in this file without a 5xx", () => {
    expect(server.served.length).toBeGreaterThan(20);
    expect(server.served.filter((s) => s.status >= 500)).toEqual([]);
  });
});
