import { describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { hitRateLimit, peekRateLimit } from "@/lib/security/rate-limit";
import { recordFailedSignIn, signInRetryAfter } from "@/lib/auth/sign-in-limit";
import { db } from "@/lib/db/client";
import { createIngestKey } from "@/prisma/factories";
import { callRoute } from "../support/api";

describe("rate limits", () => {
  it("allows `limit` hits per window, then says how long to wait", async () => {
    const key = `t:${Date.now()}`;
    const rule = { limit: 3, windowSeconds: 60 };
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await hitRateLimit(key, rule));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(55);
    expect(waits[3]).toBeLessThanOrEqual(60);
    expect(await peekRateLimit(key, rule)).toBeGreaterThan(0);
  });

  it("starts a new window once the old one is over", async () => {
    const key = `t2:${Date.now()}`;
    const rule = { limit: 1, windowSeconds: 1 };
    expect(await hitRateLimit(key, rule)).toBe(0);
    expect(await hitRateLimit(key, rule)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await hitRateLimit(key, rule)).toBe(0);
  });

  it("locks an email out after 10 failed sign-ins, not after successful ones", async () => {
    const email = `victim-${Date.now()}@example.test`;
    expect(await signInRetryAfter(email, "203.0.113.9")).toBe(0);
    for (let i = 0; i < 10; i++) await recordFailedSignIn(email, "203.0.113.9");
    expect(await signInRetryAfter(email, "203.0.113.10")).toBeGreaterThan(800);
    expect(await signInRetryAfter(`other-${email}`, "203.0.113.11")).toBe(0);
  });

  it("answers the ingest API with 429 and Retry-After once a key is over its limit, writing nothing", async () => {
    const { key, id } = await createIngestKey();
    // Fill this key's window up to the limit directly, then make one real request.
    await db.rateLimitBucket.create({ data: { key: `ingest:${id}`, windowStart: new Date(), count: 6000 } });
    const before = await db.order.count();
    const raw = JSON.stringify({ merchant_order_ref: "RL-1" });
    const res = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, raw, headers: { "content-length": String(raw.length) } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.json.error.code).toBe("rate_limited");
    expect(await db.order.count()).toBe(before);
    // The small body was read, so the sender keeps its connection for the retry; a body too large
    // to read just to refuse it is left on the wire, and that connection is closed.
    expect(res.headers.get("connection")).toBeNull();
    const bigBody = JSON.stringify({ merchant_order_ref: "RL-2", notes: "x".repeat(20_000) });
    const big = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, raw: bigBody, headers: { "content-length": String(bigBody.length) } });
    expect(big.status).toBe(429);
    expect(big.headers.get("connection")).toBe("close");
  });

  it("takes a key's own ingest limit over the default, in both directions", async () => {
    const raised = await createIngestKey();
    await db.apiKey.update({ where: { id: raised.id }, data: { ingestRateLimitPerMinute: 60_000 } });
    // Past the default 6,000 a minute, under this key's own 60,000.
    await db.rateLimitBucket.create({ data: { key: `ingest:${raised.id}`, windowStart: new Date(), count: 6000 } });
    const ok = await callRoute(createOrderRoute, { path: "/api/v1/orders", key: raised.key, body: { merchant_order_ref: "RL-RAISED" } });
    expect(ok.status).not.toBe(429);

    const lowered = await createIngestKey();
    await db.apiKey.update({ where: { id: lowered.id }, data: { ingestRateLimitPerMinute: 2 } });
    await db.rateLimitBucket.create({ data: { key: `ingest:${lowered.id}`, windowStart: new Date(), count: 2 } });
    const refused = await callRoute(createOrderRoute, { path: "/api/v1/orders", key: lowered.key, body: { merchant_order_ref: "RL-LOWERED" } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
