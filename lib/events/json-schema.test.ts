import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONFIRMATION_METHODS, EVENT_TYPES, FAILURE_REASON_CODES, RETURN_CONDITIONS } from "@/lib/events/catalog";
import { payloadV2JsonSchema } from "@/lib/events/json-schema";
import { buildPayloadV2, type EventDetails } from "@/lib/events/payload-v2";
import { renderBody } from "@/lib/events/render";
import { samplePayload } from "@/lib/events/sample";
import { parseXml } from "@/lib/events/xml";

// The published JSON Schema against the payloads the engine really renders, checked by an
// independent validator (ajv, strict mode, formats on), not by the zod schema it came from.

const schema = payloadV2JsonSchema("https://waypoint.example");
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const problems = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

/** Every v2 body as it goes on the wire, read back as data (XML through our parser's inverse). */
function rendered(payload: unknown) {
  return [
    JSON.parse(renderBody(payload, { format: "json", schemaVersion: "v2" }).body),
    parseXml(renderBody(payload, { format: "xml", schemaVersion: "v2" }).body),
  ];
}

describe("JSON Schema of v2 (from the zod definition)", () => {
  it("is a draft 2020-12 document with an absolute $id under the app URL", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe("https://waypoint.example/api/v1/schemas/event-v2.json");
    expect(schema.required).toContain("sequence");
    expect(schema.required).toContain("rider");
  });

  it.each(EVENT_TYPES)("%s: the rendered test and real payloads, JSON and XML, validate", (event) => {
    for (const test of [true, false]) {
      for (const body of rendered(samplePayload(event, { test }))) expect(problems(body), `${event} test=${test}`).toEqual([]);
    }
  });

  it("every payload the builder can make from a valid ingest body validates (property test)", () => {
    const time = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
    const text = fc.string({ minLength: 1, maxLength: 40 });
    const later = (from: string, minutes: number) => new Date(Date.parse(from) + minutes * 60_000).toISOString();
    const details: fc.Arbitrary<EventDetails> = fc.oneof(
      fc.constant({ event: "order_confirmed" as const }),
      fc.record({ rider: fc.record({ name: text, phone: fc.stringMatching(/^\+\d{8,15}$/) }), otp: fc.stringMatching(/^\d{4,6}$/), from: time, span: fc.integer({ min: 1, max: 600 }) }).map(
        ({ rider, otp, from, span }) => ({ event: "out_for_delivery" as const, rider, otp, eta_window: { from, to: later(from, span) } }),
      ),
      fc.record({ confirmation_method: fc.constantFrom(...CONFIRMATION_METHODS), delivered_at: fc.option(time, { nil: undefined }) }).map((d) => ({ event: "delivered" as const, ...d })),
      fc.record({ reason_code: fc.constantFrom(...FAILURE_REASON_CODES), rescheduled_for: fc.option(time, { nil: undefined }) }).map((d) => ({ event: "delivery_failed" as const, ...d })),
      fc.record({ reason_code: text, condition: fc.constantFrom(...RETURN_CONDITIONS), pickup_eta: fc.option(time, { nil: undefined }) }).map((d) => ({ event: "return_initiated" as const, ...d })),
    );
    fc.assert(
      fc.property(details, time, text, text, fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (d, occurredAt, ref, name, sequence, test) => {
        const built = buildPayloadV2({ eventId: `evt_${sequence}`, occurredAt, order: { id: "ord_1", merchantOrderRef: ref, customerId: "c1" }, rider: { name, phone: "+919876543214" }, details: d, sequence });
        const payload = test ? { ...built, test: true as const } : built;
        for (const body of rendered(payload)) expect(problems(body)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses what the contract forbids (so the passes above mean something)", () => {
    const ok = samplePayload("order_confirmed", { test: false });
    expect(problems(ok)).toEqual([]);
    expect(problems({ ...ok, rider: null })).not.toEqual([]); // the old two-shape v2
    expect(problems({ ...ok, sequence: 0 })).not.toEqual([]);
    expect(problems({ ...ok, status: "delivered" })).not.toEqual([]); // status must follow the event
    expect(problems({ ...ok, occurred_at: "2026-05-01T15:30:00+05:30" })).not.toEqual([]); // UTC only
    expect(problems({ ...ok, test: false })).not.toEqual([]);
    expect(problems({ ...ok, extra: 1 })).not.toEqual([]);
    const { sequence: _dropped, ...withoutSequence } = ok;
    void _dropped;
    expect(problems(withoutSequence)).not.toEqual([]);
  });
});
