import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createOrderRoute } from "@/app/api/v1/orders/route";
import { POST as eventRoute } from "@/app/api/v1/orders/[orderId]/events/route";
import { GET as schemaRoute } from "@/app/api/v1/schemas/event-v2.json/route";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { payloadV2JsonSchema } from "@/lib/events/json-schema";
import { renderBody } from "@/lib/events/render";
import { parseXml } from "@/lib/events/xml";
import { createEndpoint, createIngestKey, createPartner } from "@/prisma/factories";
import { callRoute } from "../support/api";

// GET /api/v1/schemas/event-v2.json, and every payload real ingest stored, rendered as the
// engine sends it (JSON and XML), validated against the document the app serves.

let served: Record<string, unknown>;
let headers: Headers;

beforeAll(async () => {
  const res = await callRoute(schemaRoute, { method: "GET", path: "/api/v1/schemas/event-v2.json" });
  expect(res.status).toBe(200);
  served = res.json;
  headers = res.headers;
});

describe("GET /api/v1/schemas/event-v2.json", () => {
  it("serves the generated JSON Schema, publicly cacheable, as application/schema+json", () => {
    expect(served).toEqual(JSON.parse(JSON.stringify(payloadV2JsonSchema(env.APP_URL))));
    expect(served.$id).toBe(`${env.APP_URL}/api/v1/schemas/event-v2.json`);
    expect(headers.get("content-type")).toMatch(/^application\/schema\+json/);
    expect(headers.get("cache-control")).toBe("public, max-age=300");
  });

  it("validates every event a real order went through, as rendered for JSON and XML endpoints", async () => {
    const partnerId = (await createPartner({ name: "Schema Co" })).id;
    await createEndpoint({ partnerId, url: "http://127.0.0.1:9/all" });
    const key = (await createIngestKey(partnerId)).key;
    const created = await callRoute(createOrderRoute, { path: "/api/v1/orders", key, body: { merchant_order_ref: `SCH-${Date.now()}`, customer_id: "c1", customer_name: "Diya", customer_phone: "+919812345678" } });
    const orderId = created.json.order_id as string;
    const steps = [
      { event: "out_for_delivery", rider: { name: "Rajesh Kumar", phone: "+919876543214" }, otp: "4821", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } },
      { event: "delivery_failed", reason_code: "customer_unavailable" },
      { event: "out_for_delivery", rider: { name: "Meena", phone: "+919000000123" }, otp: "1234", eta_window: { from: "2026-05-02T10:00:00+05:30", to: "2026-05-02T11:00:00+05:30" } },
      { event: "delivered", confirmation_method: "otp" },
      { event: "return_initiated", reason_code: "size_mismatch", condition: "unopened" },
    ];
    for (const body of steps) expect((await callRoute(eventRoute, { path: `/api/v1/orders/${orderId}/events`, key, params: { orderId }, body })).status).toBe(201);

    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(served);
    const events = await db.orderEvent.findMany({ where: { orderId }, orderBy: { sequence: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["order_confirmed", ...steps.map((s) => s.event)]);
    for (const e of events) {
      const json = JSON.parse(renderBody(e.payload, { format: "json", schemaVersion: "v2" }).body);
      const xml = parseXml(renderBody(e.payload, { format: "xml", schemaVersion: "v2" }).body);
      for (const body of [json, xml]) expect(validate(body) ? [] : validate.errors, `${e.type} #${e.sequence}`).toEqual([]);
    }
    // The answers the API gave carry the same payloads.
    expect(validate(created.json.event)).toBe(true);
  });
});
