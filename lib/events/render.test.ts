import { describe, expect, it } from "vitest";
import { EVENT_TYPES, STATUS_FOR_EVENT } from "@/lib/events/catalog";
import { renderV1 } from "@/lib/events/payload-v1";
import { renderBody } from "@/lib/events/render";
import { samplePayload } from "@/lib/events/sample";
import { parseXml, renderXml } from "@/lib/events/xml";

const NOW = new Date("2026-05-01T10:00:00Z");
const sample = (event: (typeof EVENT_TYPES)[number], test = false) =>
  samplePayload(event, { now: NOW, eventId: `evt_${event}`, test });

describe("renderV1", () => {
  it("renders the flat v1 shape with only the details that apply", () => {
    expect(renderV1(sample("out_for_delivery"))).toEqual({
      event: "out_for_delivery",
      order_id: "ord_test_4820193",
      status: "out_for_delivery",
      timestamp: "2026-05-01T10:00:00.000Z",
      metadata: {
        merchant_order_ref: "ORD-4820193",
        customer_id: "cust_test_1187",
        rider_name: "Rajesh Kumar",
        rider_phone: "+91 98xxx xx214",
        otp: "8821",
        eta_from: "2026-05-01T10:30:00.000Z",
        eta_to: "2026-05-01T11:30:00.000Z",
      },
    });
  });

  it.each([
    ["order_confirmed", []],
    ["delivered", ["rider_name", "rider_phone", "delivered_at", "confirmation_method"]],
    ["delivery_failed", ["rider_name", "rider_phone", "failure_reason", "rescheduled_for"]],
    ["return_initiated", ["return_reason", "return_condition", "pickup_eta"]],
  ] as const)("%s carries its own metadata keys and never a null", (event, keys) => {
    const v1 = renderV1(sample(event));
    expect(Object.keys(v1)).toEqual(["event", "order_id", "status", "timestamp", "metadata"]);
    expect(v1.status).toBe(STATUS_FOR_EVENT[event]);
    expect(Object.keys(v1.metadata).sort()).toEqual(["merchant_order_ref", "customer_id", ...keys].sort());
    expect(Object.values(v1.metadata)).not.toContain(null);
  });

  it("keeps the test flag", () => {
    expect(renderV1(sample("delivered", true)).test).toBe(true);
    expect("test" in renderV1(sample("delivered"))).toBe(false);
  });
});

describe("XML", () => {
  it.each(EVENT_TYPES)("%s v2 payload round-trips through XML exactly", (event) => {
    const payload = sample(event, true);
    expect(parseXml(renderXml(payload))).toEqual(payload);
    expect(parseXml(renderXml(payload, "event", { pretty: true }))).toEqual(payload);
  });

  it("uses nil, type and empty-element conventions and escapes text", () => {
    const xml = renderXml({ a: null, b: true, c: 3, d: "", e: "<x> & 'y'", f: "0421" }, "root");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><root>')).toBe(true);
    expect(xml).toContain('<a nil="true"/>');
    expect(xml).toContain('<b type="boolean">true</b>');
    expect(xml).toContain('<c type="number">3</c>');
    expect(xml).toContain("<d/>");
    expect(xml).toContain("<e>&lt;x&gt; &amp; &apos;y&apos;</e>");
    expect(parseXml(xml)).toEqual({ a: null, b: true, c: 3, d: "", e: "<x> & 'y'", f: "0421" });
  });
});

describe("renderBody", () => {
  const payload = sample("delivery_failed", true);

  it("renders v2 JSON", () => {
    const { body, contentType } = renderBody(payload, { format: "json", schemaVersion: "v2" });
    expect(contentType).toBe("application/json");
    expect(JSON.parse(body)).toEqual(payload);
  });

  it("renders v1 JSON", () => {
    const { body } = renderBody(payload, { format: "json", schemaVersion: "v1" });
    expect(JSON.parse(body)).toEqual(renderV1(payload));
  });

  it.each(["v1", "v2"] as const)("renders %s XML", (schemaVersion) => {
    const { body, contentType } = renderBody(payload, { format: "xml", schemaVersion });
    expect(contentType).toBe("application/xml");
    expect(parseXml(body)).toEqual(schemaVersion === "v1" ? renderV1(payload) : payload);
    expect(body).toContain('<test type="boolean">true</test>');
  });

  it("gives byte-identical bodies for a stored payload whose keys were reordered", () => {
    const stored = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(payload).reverse())));
    for (const format of ["json", "xml"] as const) {
      expect(renderBody(stored, { format, schemaVersion: "v2" }).body).toBe(renderBody(payload, { format, schemaVersion: "v2" }).body);
    }
  });

  it("refuses to render a payload that breaks the contract", () => {
    expect(() => renderBody({ ...payload, failure: null }, { format: "json", schemaVersion: "v2" })).toThrow();
  });
});

describe("samplePayload", () => {
  it.each(EVENT_TYPES)("%s is a valid test payload by default", (event) => {
    const payload = samplePayload(event);
    expect(payload.test).toBe(true);
    expect(payload.event).toBe(event);
    expect(payload.event_id).toMatch(/^evt_test_[0-9a-f]{32}$/);
  });

  it("gives each test send its own event id and can leave the flag off", () => {
    expect(samplePayload("delivered").event_id).not.toBe(samplePayload("delivered").event_id);
    expect("test" in samplePayload("delivered", { test: false })).toBe(false);
  });
});
