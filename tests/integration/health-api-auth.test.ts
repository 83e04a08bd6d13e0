import { beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/v1/health/route";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { db } from "@/lib/db/client";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { createPartner, createUser } from "@/prisma/factories";
import { callRoute } from "../support/api";

// The keys people create in Settings, used the way automation uses them: against the health
// API (partner keys) and the machine API (ingest keys).

let partnerId: string;
let otherPartnerId: string;
let admin: { id: string; email: string };

const health = (key: string) => callRoute(healthRoute, { method: "GET", path: "/api/v1/health", key });
const createOrder = (key: string, ref: string) =>
  callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { partner_id: partnerId, merchant_order_ref: ref, customer_id: "c1", customer_name: "Diya Iyer", customer_phone: "+919812345678" } });

beforeAll(async () => {
  partnerId = (await createPartner({ name: "Keys Co" })).id;
  otherPartnerId = (await createPartner({ name: "Other Keys Co" })).id;
  admin = await createUser({ role: "partner_admin", partnerId, password: "irrelevant-here" });
});

describe("partner API keys from Settings", () => {
  it("authenticates a new key on GET /api/v1/health, stores only its hash, and records who created it", async () => {
    const issued = await issueApiKey({ actor: admin, kind: "partner", name: "CI deploys", partnerId });
    expect(issued.key).toMatch(/^wp_live_[0-9A-Za-z]{32}$/);
    expect((await health(issued.key)).status).toBe(200);

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored.hash).not.toContain(issued.key);
    expect(JSON.stringify(stored)).not.toContain(issued.key);
    expect(stored.lastUsedAt).not.toBeNull();

    const listed = (await listApiKeys(partnerId, "partner")).find((k) => k.id === issued.id)!;
    expect(listed).toMatchObject({ name: "CI deploys", prefix: issued.key.slice(0, 12), createdBy: admin.email, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(issued.key);

    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: issued.id, action: "api_key.created" } });
    expect(audit).toMatchObject({ partnerId, actorId: admin.id, targetType: "partner_api_key" });
    expect(JSON.stringify(audit.metadata)).not.toContain(issued.key);
  });

  it("answers 401 as soon as the key is revoked, and revoking twice writes one audit entry", async () => {
    const issued = await issueApiKey({ actor: admin, kind: "partner", name: "to revoke", partnerId });
    expect((await health(issued.key)).status).toBe(200);
    await revokeApiKey({ actor: admin, partnerId, kind: "partner", id: issued.id });
    await revokeApiKey({ actor: admin, partnerId, kind: "partner", id: issued.id });
    const res = await health(issued.key);
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/revoked/);
    expect(await db.auditLog.count({ where: { targetId: issued.id, action: "api_key.revoked" } })).toBe(1);
  });

  it("cannot revoke another partner's key: 404, and the key keeps working", async () => {
    const theirs = await issueApiKey({ actor: admin, kind: "partner", name: "theirs", partnerId: otherPartnerId });
    await expect(revokeApiKey({ actor: admin, partnerId, kind: "partner", id: theirs.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await health(theirs.key)).status).toBe(200);
    expect((await listApiKeys(partnerId, "partner")).some((k) => k.id === theirs.id)).toBe(false);
  });

  it("refuses a partner key on the ingest API with 403, writing nothing", async () => {
    const issued = await issueApiKey({ actor: admin, kind: "partner", name: "wrong API", partnerId });
    const before = await db.order.count();
    const res = await createOrder(issued.key, "PK-1");
    expect(res.status).toBe(403);
    expect(res.json.error.message).toMatch(/ingest key/);
    expect(await db.order.count()).toBe(before);
  });
});

describe("ingest keys from Settings", () => {
  it("posts orders with a bound ingest key, is refused on the partner API, and 401s once revoked", async () => {
    const support = await createUser({ role: "support", password: "irrelevant-here" });
    const issued = await issueApiKey({ actor: support, kind: "ingest", name: "Dispatch app", partnerId });
    expect(issued.key).toMatch(/^wp_ingest_/);
    expect((await createOrder(issued.key, "IK-1")).status).toBe(201);
    expect((await health(issued.key)).status).toBe(403);

    const listed = await listApiKeys(partnerId, "ingest");
    expect(listed.find((k) => k.id === issued.id)).toMatchObject({ boundToPartner: true, createdBy: support.email });
    expect((await listApiKeys(otherPartnerId, "ingest")).some((k) => k.id === issued.id)).toBe(false);

    await revokeApiKey({ actor: support, partnerId, kind: "ingest", id: issued.id });
    expect((await createOrder(issued.key, "IK-2")).status).toBe(401);
  });
});
