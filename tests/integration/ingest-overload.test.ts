import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { WINDOW_MS } from "@/lib/http/admission";
import { createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// Load shedding at the ingest API (lib/http/admission.ts), against the real route and Postgres: a
// standing queue is made by holding the lock every ingest request of this key needs (its
// rate-limit bucket row), so requests pile up exactly as they do when the database cannot keep up.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ingest under overload", () => {
  const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  afterAll(async () => {
    await blocker.end().catch(() => {});
  });

  it("refuses new requests at once with 503 + Retry-After while a queue stands, writes nothing for them, and accepts again once it is gone", async () => {
    const partner = await createPartner({ name: "Overload Co" });
    const { key, id: apiKeyId } = await createIngestKey(partner.id);
    const post = (ref: string) => {
      const raw = JSON.stringify({ merchant_order_ref: ref, customer_id: "c", customer_name: "Anaya", customer_phone: "+919812345678" });
      return callRoute(createOrderRoute, { path: "/api/v1/orders", key, raw, headers: { "content-length": String(raw.length) } }); // as a real client sends it
    };
    expect((await post("OV-first")).status).toBe(201);

    await sleep(WINDOW_MS + 100); // that quick answer's window is over

    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(`SELECT 1 FROM "RateLimitBucket" WHERE key = $1 FOR UPDATE`, [`ingest:${apiKeyId}`]);
    let queued: ReturnType<typeof post>[] = [];
    const refused = [];
    try {
      queued = Array.from({ length: 20 }, (_, i) => post(`OV-queued-${i}`));
      await sleep(WINDOW_MS + 200); // a window in which nothing finished while 20 waited
      // Without the gate these would wait behind the lock too: give up on them after 5 s.
      for (let i = 0; i < 5; i++) refused.push(await Promise.race([post(`OV-refused-${i}`), sleep(5000).then(() => ({ status: 0, headers: new Headers(), json: null }))]));
    } finally {
      await blocker.query("COMMIT");
    }
    for (const res of refused) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.json.error.code).toBe("overloaded");
      expect(res.json.error.message).toContain("not recorded");
      // Its small body was read, so the connection stays open for the retry (no new-connection storm).
      expect(res.headers.get("connection")).toBeNull();
    }

    const answers = await Promise.all(queued);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    // The queue is gone: the next request is accepted at once.
    expect((await post("OV-after")).status).toBe(201);

    const refs = (await db.order.findMany({ where: { partnerId: partner.id }, select: { merchantOrderRef: true } })).map((o) => o.merchantOrderRef);
    expect(refs).toHaveLength(22);
    expect(refs.filter((r) => r.startsWith("OV-refused"))).toEqual([]);
  });
});
