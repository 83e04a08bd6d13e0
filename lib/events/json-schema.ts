// The published JSON Schema of the v2 payload, served at PAYLOAD_V2_SCHEMA_PATH and linked from
// the Endpoints page. Generated from PayloadV2Schema, the one zod definition every payload is
// built, stored and rendered against, so the document cannot disagree with what endpoints
// receive (lib/events/json-schema.test.ts validates rendered payloads against it).
import { z } from "zod";
import { EVENT_TYPES, STATUS_FOR_EVENT } from "@/lib/events/catalog";
import { PayloadV2Schema } from "@/lib/events/payload-v2";

export const PAYLOAD_V2_SCHEMA_PATH = "/api/v1/schemas/event-v2.json";

export type JsonSchemaDocument = { $schema: string; $id: string; title: string; description: string; required?: string[]; [keyword: string]: unknown };

export function payloadV2JsonSchema(appUrl: string): JsonSchemaDocument {
  const { $schema, ...generated } = z.toJSONSchema(PayloadV2Schema, { target: "draft-2020-12", io: "output" }) as { $schema: string; [keyword: string]: unknown };
  return {
    $schema,
    $id: new URL(PAYLOAD_V2_SCHEMA_PATH, appUrl).toString(),
    title: "Waypoint order event, schema v2",
    description:
      "The body of every v2 webhook (JSON; XML carries the same elements). One shape for every event type: every key is always present and every group is an object whose leaves are null when they do not apply. Additive changes only.",
    ...generated,
    // The zod refinement "status follows the event" has no JSON Schema form of its own: spelled
    // out here from the same table the builder uses.
    allOf: EVENT_TYPES.map((event) => ({
      if: { properties: { event: { const: event } }, required: ["event"] },
      then: { properties: { status: { const: STATUS_FOR_EVENT[event] } } },
    })),
  };
}
