import "server-only";
import type { Endpoint } from "@/lib/db/generated/client";
import type { EventType } from "@/lib/events/catalog";
import { samplePayload } from "@/lib/events/sample";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { buildSignedRequest, type SignedRequest } from "@/lib/delivery/send-signed";
import { previewHeaders } from "@/lib/endpoints/preview-headers";
import { describeDestination, type DestinationSettings } from "@/lib/delivery/destinations/config";
import type { TestRequestPreview } from "@/lib/endpoints/view";

/** Which synthetic event to send. A preview's eventId + occurredAt reproduce its body exactly. */
export type TestEventSpec = { eventType: EventType; eventId?: string; occurredAt?: Date };

export type TestRequest = { payload: PayloadV2; signed: SignedRequest; preview: TestRequestPreview };

/**
 * The request "Send Test Event" makes: the catalogue's sample for this event type (with
 * `"test": true`), rendered in the endpoint's format and schema version by the same code as
 * real deliveries, and signed with the endpoint's active secrets. The signature timestamp is
 * always now, because verifiers reject timestamps more than five minutes old.
 */
export function buildTestRequest(
  endpoint: Pick<Endpoint, "url" | "format" | "schemaVersion"> & Partial<Pick<Endpoint, "destinationType" | "destination">>,
  secrets: string[],
  spec: TestEventSpec,
  now = new Date(),
): TestRequest {
  const occurredAt = spec.occurredAt ?? now;
  const payload = samplePayload(spec.eventType, { test: true, now: occurredAt, eventId: spec.eventId });
  const signed = buildSignedRequest({ url: endpoint.url, payload, format: endpoint.format, schemaVersion: endpoint.schemaVersion, secrets, now });
  return {
    payload,
    signed,
    preview: {
      // Brokers: the broker, exchange and routing key (or subject) this event goes to.
      url: describeDestination(endpoint.destinationType ?? "http", endpoint.url, (endpoint.destination ?? null) as DestinationSettings | null, spec.eventType),
      eventId: payload.event_id,
      occurredAt: occurredAt.toISOString(),
      contentType: signed.headers["content-type"] ?? "",
      body: signed.body,
      headers: previewHeaders(signed.headers),
    },
  };
}
