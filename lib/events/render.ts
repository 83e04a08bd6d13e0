// The one place an event becomes bytes on the wire. Delivery, retries and "Send Test
// Event" all call renderBody, so the signed body for a given endpoint is always the same.
import type { PayloadFormat, SchemaVersion } from "@/lib/events/catalog";
import { renderV1 } from "@/lib/events/payload-v1";
import { PayloadV2Schema } from "@/lib/events/payload-v2";
import { renderXml } from "@/lib/events/xml";

export type RenderOptions = { format: PayloadFormat; schemaVersion: SchemaVersion };
export type RenderedBody = { body: string; contentType: string };

export const CONTENT_TYPES: Record<PayloadFormat, string> = {
  json: "application/json",
  xml: "application/xml",
};

/**
 * Renders a v2 payload (a PayloadV2, or OrderEvent.payload as Prisma returns it) for one
 * endpoint. The payload is re-parsed first: Postgres jsonb does not keep key order, and
 * parsing restores the canonical order, so a retry sends byte-identical JSON. A stored
 * payload that no longer matches the contract throws here rather than going out broken.
 */
export function renderBody(payload: unknown, options: RenderOptions): RenderedBody {
  const v2 = PayloadV2Schema.parse(payload);
  const shaped = options.schemaVersion === "v1" ? renderV1(v2) : v2;
  if (options.format === "xml") {
    return { body: renderXml(shaped, "event"), contentType: CONTENT_TYPES.xml };
  }
  return { body: JSON.stringify(shaped), contentType: CONTENT_TYPES.json };
}
