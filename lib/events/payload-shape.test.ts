import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, type EventType } from "@/lib/events/catalog";
import { renderBody } from "@/lib/events/render";
import { samplePayload } from "@/lib/events/sample";

// One shape at every path (SPEC "Payload contract"): the v2 body of every event type, as it
// goes on the wire in JSON and in XML, has exactly the same set of key paths. A receiver can
// read payload.rider.name or payload.failure.reason_code on any event without a guard.

const NOW = new Date("2026-05-01T10:00:00Z");
const body = (event: EventType, format: "json" | "xml", test = false) =>
  renderBody(samplePayload(event, { now: NOW, eventId: `evt_${event}`, test }), { format, schemaVersion: "v2" }).body;

/** Every key path of parsed JSON, objects included ("rider", "rider.name", …). */
function jsonPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...jsonPaths(child, `${prefix}${key}.`)]);
}

/** Every element path under the XML root, read from the raw document (attributes such as
 *  nil="true" and text are not elements), so this checks the markup itself, not our parser. */
function xmlPaths(xml: string): string[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", ignoreDeclaration: true, parseTagValue: false }).parse(xml) as Record<string, unknown>;
  const walk = (node: unknown, prefix: string): string[] =>
    node !== null && typeof node === "object"
      ? Object.entries(node)
          .filter(([key]) => !key.startsWith("@_") && key !== "#text")
          .flatMap(([key, child]) => [`${prefix}${key}`, ...walk(child, `${prefix}${key}.`)])
      : [];
  expect(Object.keys(doc)).toEqual(["event"]);
  return walk(doc.event, "");
}

// The documented v2 shape, path by path.
const DOCUMENTED = [
  "schema_version", "event_id", "event", "occurred_at", "order_id", "merchant_order_ref", "customer_id", "status",
  "rider", "rider.name", "rider.phone_masked",
  "sequence",
  "delivery", "delivery.otp", "delivery.eta_window", "delivery.eta_window.from", "delivery.eta_window.to", "delivery.delivered_at", "delivery.confirmation_method",
  "failure", "failure.reason_code", "failure.rescheduled_for",
  "returns", "returns.initiated_at", "returns.reason_code", "returns.condition", "returns.pickup_eta",
];

describe("v2: one shape at every path", () => {
  const json = Object.fromEntries(EVENT_TYPES.map((e) => [e, jsonPaths(JSON.parse(body(e, "json")))]));
  const xml = Object.fromEntries(EVENT_TYPES.map((e) => [e, xmlPaths(body(e, "xml"))]));

  it("walks every event type, and the walks see nested paths (the check is not empty)", () => {
    expect(Object.keys(json)).toEqual([...EVENT_TYPES]);
    for (const event of EVENT_TYPES) {
      expect(json[event], event).toContain("delivery.eta_window.to");
      expect(xml[event], event).toContain("delivery.eta_window.to");
    }
  });

  it("JSON: every event type has exactly the documented key paths, in the same order", () => {
    for (const event of EVENT_TYPES) expect(json[event], event).toEqual(DOCUMENTED);
  });

  it("XML: every event type has exactly the documented element paths, in the same order", () => {
    for (const event of EVENT_TYPES) expect(xml[event], event).toEqual(DOCUMENTED);
  });

  it("rider is an object with null leaves where no rider applies, in JSON and XML", () => {
    for (const event of ["order_confirmed", "return_initiated"] as const) {
      expect(JSON.parse(body(event, "json")).rider).toEqual({ name: null, phone_masked: null });
      expect(body(event, "xml")).toContain('<rider><name nil="true"/><phone_masked nil="true"/></rider>');
    }
    expect(JSON.parse(body("delivered", "json")).rider).toEqual({ name: "Rajesh Kumar", phone_masked: "+91 98xxx xx214" });
  });

  it("sequence is a number in JSON and a typed number element in XML", () => {
    expect(JSON.parse(body("delivered", "json")).sequence).toBe(3);
    expect(body("delivered", "xml")).toContain('<sequence type="number">3</sequence>');
  });

  it("a test send adds `test` and nothing else", () => {
    for (const event of EVENT_TYPES) {
      expect(jsonPaths(JSON.parse(body(event, "json", true))), event).toEqual([...DOCUMENTED, "test"]);
      expect(xmlPaths(body(event, "xml", true)), event).toEqual([...DOCUMENTED, "test"]);
    }
  });
});
