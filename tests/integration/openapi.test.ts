import { beforeAll, describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { buildPayloadV2 } from "@/lib/events/payload-v2";
import { callRoute } from "../support/api";
import { apiRouteMethods } from "../support/api-routes";

// The API reference must not drift from the code: every exported handler under app/api/v1
// is documented, nothing documented is missing, and every $ref resolves.

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; parameters?: { $ref?: string }[] }>>;
  components: { schemas: Record<string, { required?: string[] }>; securitySchemes: Record<string, { bearerFormat?: string }> };
  webhooks: Record<string, { post: { parameters: { $ref: string }[] } }>;
};
let doc: Doc;

beforeAll(async () => {
  const res = await callRoute(openApiRoute, { method: "GET", path: "/api/v1/openapi.json" });
  expect(res.status).toBe(200);
  doc = res.json;
});

describe("GET /api/v1/openapi.json", () => {
  const handlers = apiRouteMethods().map(({ template, method }) => ({ path: template, method }));

  it("finds the route handlers it checks (the walk itself works)", () => {
    expect(handlers).toContainEqual({ path: "/api/v1/orders/{orderId}/events", method: "POST" });
    expect(handlers).toContainEqual({ path: "/api/v1/health", method: "GET" });
    expect(handlers.length).toBeGreaterThanOrEqual(10);
  });

  it("documents every exported method of every route under app/api/v1, and nothing else", () => {
    expect(doc.openapi).toBe("3.1.0");
    const missing = handlers.filter((h) => !doc.paths[h.path]?.[h.method.toLowerCase()]).map((h) => `${h.method} ${h.path}`);
    expect(missing).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const stale = documented.filter((d) => !handlers.some((h) => `${h.method} ${h.path}` === d));
    expect(stale).toEqual([]);
  });

  it("says how to authenticate every operation and answers at least one success", () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.security, `${method} ${p}`).toBeDefined();
        expect(Object.keys(op.responses).some((code) => code.startsWith("2")), `${method} ${p}`).toBe(true);
      }
    }
    expect(doc.components.securitySchemes.partnerKey?.bearerFormat).toBe("wp_live_…");
    expect(doc.components.securitySchemes.ingestKey?.bearerFormat).toBe("wp_ingest_…");
    expect(doc.paths["/api/v1/orders"]!.post!.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
  });

  it("resolves every $ref", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const target = ref.split("/").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it("describes the v2 webhook payload with every key a real payload has, and the signature headers", () => {
    const payload = buildPayloadV2({ eventId: "evt_1", occurredAt: new Date(), order: { id: "ord_1", merchantOrderRef: "R-1", customerId: "c-1" }, details: { event: "order_confirmed" }, sequence: 1 });
    expect([...(doc.components.schemas.WebhookEventV2!.required ?? [])].sort()).toEqual(Object.keys(payload).sort());
    expect(doc.components.schemas.Error!.required).toEqual(["error"]);
    expect(doc.webhooks.orderEvent!.post.parameters.map((p) => p.$ref.split("/").pop())).toEqual(["WebhookId", "WebhookTimestamp", "WebhookSignature"]);
  });
});
