import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/endpoints/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/v1/endpoints/[endpointId]/route";
import { GET as previewRoute, POST as testRoute } from "@/app/api/v1/endpoints/[endpointId]/test/route";
import { POST as rotateRoute } from "@/app/api/v1/endpoints/[endpointId]/rotate-secret/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { db } from "@/lib/db/client";
import { activeSigningSecrets } from "@/lib/endpoints/secrets";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// The partner API for endpoints, called through the real route handlers with real partner
// keys, against the real database and a real HTTP receiver.

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function newPartnerWithKey(name?: string) {
  const partner = await createPartner({ name, timeoutMs: 1500 });
  const { key } = await createApiKey({ kind: "partner", name: "automation", partnerId: partner.id });
  return { partnerId: partner.id, key };
}

const create = (key: string, body: Record<string, unknown>) => callRoute(createRoute, { path: "/api/v1/endpoints", key, body });
const body = (path: string, extra: Record<string, unknown> = {}) => ({ url: `${receiver.url}${path}`, event_types: ["order_confirmed", "delivered"], ...extra });

describe("endpoint limit: 5 per partner", () => {
  it("creates five, refuses the sixth with limit_reached and a sentence saying what to do", async () => {
    const { partnerId, key } = await newPartnerWithKey();
    for (let i = 1; i <= 5; i++) expect((await create(key, body(`/limit-${i}`))).status).toBe(201);
    const sixth = await create(key, body("/limit-6"));
    expect(sixth.status).toBe(409);
    expect(sixth.json.error).toMatchObject({
      code: "limit_reached",
      message: "You already have 5 endpoints, the most a partner can have. Delete or reuse one.",
    });
    expect(await db.endpoint.count({ where: { partnerId } })).toBe(5);

    // Deleting one frees its slot.
    const list = await callRoute(listRoute, { method: "GET", path: "/api/v1/endpoints", key });
    expect(list.json.limit).toEqual({ used: 5, max: 5 });
    const victim = list.json.data[0].id;
    expect((await callRoute(deleteRoute, { method: "DELETE", path: `/api/v1/endpoints/${victim}`, key, params: { endpointId: victim } })).status).toBe(200);
    expect((await create(key, body("/limit-again"))).status).toBe(201);
  });

  it("six parallel creates make exactly five endpoints: the partner row lock serialises them", async () => {
    const { partnerId, key } = await newPartnerWithKey();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => create(key, body(`/race-${i}`))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 409]);
    expect(await db.endpoint.count({ where: { partnerId } })).toBe(5);
    // Each created endpoint got its signing secret in the same transaction.
    expect(await db.endpointSecret.count({ where: { endpoint: { partnerId } } })).toBe(5);
  });

  it("does not wait for an order being ingested for the same partner (that holds a KEY SHARE lock)", async () => {
    const { partnerId, key } = await newPartnerWithKey();
    const ingest = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await ingest.connect();
    try {
      // What inserting an Order does to its partner row (foreign key check), left open.
      await ingest.query("BEGIN");
      await ingest.query(`SELECT 1 FROM "Partner" WHERE id = $1 FOR KEY SHARE`, [partnerId]);
      const started = Date.now();
      expect((await create(key, body("/while-ingesting"))).status).toBe(201);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await ingest.query("ROLLBACK");
      await ingest.end();
    }
  });

  it("holds under a second wave too: 6 more in parallel on a partner with 3 make 2", async () => {
    const { partnerId, key } = await newPartnerWithKey();
    for (let i = 0; i < 3; i++) await create(key, body(`/pre-${i}`));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => create(key, body(`/wave-${i}`))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await db.endpoint.count({ where: { partnerId } })).toBe(5);
  });
});

describe("URL validation through the API", () => {
  it.each([
    ["http://10.0.0.1/x", "10.0.0.1 is a private address"],
    ["http://169.254.169.254/latest/meta-data", "metadata"],
    ["http://[::1]:8080/hooks", "loopback"],
    ["http://metadata.google.internal/", "cloud metadata"],
    ["ftp://example.com/hooks", "http or https"],
    ["not a url", "Not a valid URL"],
  ])("refuses %s with 422 and the reason, creating nothing", async (url, reason) => {
    const { partnerId, key } = await newPartnerWithKey();
    const res = await create(key, { url, event_types: ["delivered"] });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("validation_failed");
    expect(res.json.error.message).toMatch(/^url: /);
    expect(res.json.error.message).toContain(reason);
    expect(await db.endpoint.count({ where: { partnerId } })).toBe(0);
  });

  it("refuses a private URL on PATCH too, leaving the endpoint as it was", async () => {
    const { key } = await newPartnerWithKey();
    const created = await create(key, body("/keep"));
    const id = created.json.id;
    const res = await callRoute(patchRoute, { method: "PATCH", path: `/api/v1/endpoints/${id}`, key, params: { endpointId: id }, body: { url: "http://192.168.1.10/hooks" } });
    expect(res.status).toBe(422);
    expect((await db.endpoint.findUniqueOrThrow({ where: { id } })).url).toBe(`${receiver.url}/keep`);
  });

  it("names every bad field of a malformed body in one 422", async () => {
    const { key } = await newPartnerWithKey();
    const res = await create(key, { url: "https://example.com/h", event_types: [], rate_limit_per_second: 5000, colour: "red" });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain("event_types: choose at least one event type");
    expect(res.json.error.message).toContain("rate_limit_per_second: must be from 1 to 1000 per second");
    expect(res.json.error.message).toContain("colour: unknown field");
  });
});

describe("reading, changing and partner isolation", () => {
  it("returns the secret on create only; GET and list show it masked", async () => {
    const { key } = await newPartnerWithKey();
    const created = await create(key, body("/secret", { description: "Orders to ERP", format: "xml", schema_version: "v1", rate_limit_per_second: 20 }));
    expect(created.status).toBe(201);
    expect(created.json.secret).toMatch(/^whsec_/);
    expect(created.json).toMatchObject({ description: "Orders to ERP", format: "xml", schema_version: "v1", rate_limit_per_second: 20, enabled: true, event_types: ["order_confirmed", "delivered"] });
    const got = await callRoute(getRoute, { method: "GET", path: `/api/v1/endpoints/${created.json.id}`, key, params: { endpointId: created.json.id } });
    const list = await callRoute(listRoute, { method: "GET", path: "/api/v1/endpoints", key });
    for (const text of [JSON.stringify(got.json), JSON.stringify(list.json)]) expect(text).not.toContain(created.json.secret);
    expect(got.json.signing_secret.masked).toBe("whsec_••••");
  });

  it("disables with a reason and re-enables, and PATCH changes only what was sent", async () => {
    const { key, partnerId } = await newPartnerWithKey();
    const { json } = await create(key, body("/toggle", { description: "keep me", format: "xml" }));
    const patch = (b: unknown) => callRoute(patchRoute, { method: "PATCH", path: `/api/v1/endpoints/${json.id}`, key, params: { endpointId: json.id }, body: b });
    const off = await patch({ enabled: false, disabled_reason: "Migrating our receiver" });
    expect(off.json).toMatchObject({ enabled: false, disabled_reason: "Migrating our receiver", description: "keep me", format: "xml" });
    expect(off.json.disabled_at).toBeTruthy();
    const on = await patch({ enabled: true, event_types: ["delivery_failed"] });
    expect(on.json).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null, event_types: ["delivery_failed"], description: "keep me" });
    const actions = (await db.auditLog.findMany({ where: { partnerId, targetId: json.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["endpoint.created", "endpoint.disabled", "endpoint.enabled"]);
  });

  it("answers 404 for another partner's endpoint on every route, and changes nothing", async () => {
    const mine = await newPartnerWithKey();
    const theirs = await newPartnerWithKey();
    const { json } = await create(theirs.key, body("/theirs"));
    const id = json.id;
    const ctx = { key: mine.key, path: `/api/v1/endpoints/${id}`, params: { endpointId: id } };
    const answers = await Promise.all([
      callRoute(getRoute, { ...ctx, method: "GET" }),
      callRoute(patchRoute, { ...ctx, method: "PATCH", body: { enabled: false } }),
      callRoute(deleteRoute, { ...ctx, method: "DELETE" }),
      callRoute(testRoute, { ...ctx, path: `${ctx.path}/test`, body: { event_type: "delivered" } }),
      callRoute(previewRoute, { ...ctx, method: "GET", path: `${ctx.path}/test?event_type=delivered` }),
      callRoute(rotateRoute, { ...ctx, path: `${ctx.path}/rotate-secret` }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.json)).not.toContain("/theirs");
    }
    expect(await db.endpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({ enabled: true });
    expect(await db.endpointSecret.count({ where: { endpointId: id } })).toBe(1);
  });

  it("refuses an ingest key and an anonymous call", async () => {
    const { key: ingestKey } = await createIngestKey();
    expect((await callRoute(listRoute, { method: "GET", path: "/api/v1/endpoints", key: ingestKey })).status).toBe(403);
    expect((await callRoute(listRoute, { method: "GET", path: "/api/v1/endpoints", headers: { authorization: "Bearer wp_live_nope" } })).status).toBe(401);
  });
});

describe("secret rotation and test events", () => {
  it("rotates: the new secret is returned once and both sign during the 24 h overlap", async () => {
    const { key } = await newPartnerWithKey();
    const { json } = await create(key, body("/rotate"));
    const before = Date.now();
    const res = await callRoute(rotateRoute, { path: `/api/v1/endpoints/${json.id}/rotate-secret`, key, params: { endpointId: json.id } });
    expect(res.status).toBe(200);
    expect(res.json.secret).toMatch(/^whsec_/);
    expect(res.json.secret).not.toBe(json.secret);
    const overlapHours = (Date.parse(res.json.old_secret_expires_at) - before) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThan(24.1);
    expect(new Set(await activeSigningSecrets(json.id))).toEqual(new Set([json.secret, res.json.secret]));
  });

  it("sends a signed test event, reports the receiver's 200, and records it outside health", async () => {
    const { key } = await newPartnerWithKey();
    const { json } = await create(key, body("/test-ok"));
    receiver.addSecret(json.secret);
    const res = await callRoute(testRoute, { path: `/api/v1/endpoints/${json.id}/test`, key, params: { endpointId: json.id }, body: { event_type: "delivered" } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ success: true, status_code: 200, hint: null });
    expect(res.json.latency_ms).toBeGreaterThanOrEqual(0);
    expect(res.json.response_excerpt).toContain("received");
    expect(res.json.request.headers["webhook-signature"]).toMatch(/^v1,.{10}…$/);

    const arrived = receiver.received.find((r) => r.path === "/test-ok")!;
    expect(arrived.signatureValid).toBe(true);
    const verified = new Webhook(json.secret).verify(arrived.body, arrived.headers) as { event: string; test: boolean };
    expect(verified).toMatchObject({ event: "delivered", test: true });
    expect(arrived.body).toBe(res.json.request.body);

    const attempt = await db.deliveryAttempt.findUniqueOrThrow({ where: { id: res.json.attempt_id } });
    expect(attempt).toMatchObject({ trigger: "test", deliveryId: null, endpointId: json.id, success: true, statusCode: 200 });
    expect(attempt.testPayload).toMatchObject({ event: "delivered", test: true });
  });

  it("repeats a previewed payload byte for byte when given its event_id and occurred_at", async () => {
    const { key } = await newPartnerWithKey();
    const { json } = await create(key, body("/test-preview", { format: "xml" }));
    const preview = await callRoute(previewRoute, { method: "GET", path: `/api/v1/endpoints/${json.id}/test?event_type=out_for_delivery`, key, params: { endpointId: json.id } });
    expect(preview.json.content_type).toBe("application/xml");
    const sent = await callRoute(testRoute, {
      path: `/api/v1/endpoints/${json.id}/test`, key, params: { endpointId: json.id },
      body: { event_type: "out_for_delivery", event_id: preview.json.event_id, occurred_at: preview.json.occurred_at },
    });
    expect(sent.json.request.body).toBe(preview.json.body);
    expect(receiver.received.find((r) => r.path === "/test-preview")?.webhookId).toBe(preview.json.event_id);
  });

  it("refuses a 21st test send within a minute with 429, sending nothing", async () => {
    const { key } = await newPartnerWithKey();
    const { json } = await create(key, body("/test-burst"));
    await db.deliveryAttempt.createMany({
      data: Array.from({ length: 20 }, () => ({ endpointId: json.id, trigger: "test" as const, success: true, statusCode: 200, latencyMs: 3 })),
    });
    const res = await callRoute(testRoute, { path: `/api/v1/endpoints/${json.id}/test`, key, params: { endpointId: json.id }, body: { event_type: "delivered" } });
    expect(res.status).toBe(429);
    expect(res.json.error.message).toContain("At most 20 test events a minute");
    expect(receiver.received.filter((r) => r.path === "/test-burst")).toHaveLength(0);
  });

  it("explains a failure: 500 and a timeout each come back with a plain-language hint", async () => {
    const { key } = await newPartnerWithKey();
    const { json: failing } = await create(key, body("/test-500"));
    receiver.setMode({ kind: "status", status: 500 }, "/test-500");
    const res500 = await callRoute(testRoute, { path: `/api/v1/endpoints/${failing.id}/test`, key, params: { endpointId: failing.id }, body: { event_type: "order_confirmed" } });
    expect(res500.json).toMatchObject({ success: false, status_code: 500 });
    expect(res500.json.hint).toContain("Your server failed");

    const { json: slow } = await create(key, body("/test-hang"));
    receiver.setMode({ kind: "timeout" }, "/test-hang");
    const hung = await callRoute(testRoute, { path: `/api/v1/endpoints/${slow.id}/test`, key, params: { endpointId: slow.id }, body: { event_type: "order_confirmed" } });
    expect(hung.json).toMatchObject({ success: false, status_code: null, error_class: "timeout" });
    expect(hung.json.hint).toContain("did not answer in time");
  });
});
