import { createHash } from "node:crypto";
import { eventType } from "inngest";
import { z } from "zod";

// Every event Waypoint sends to Inngest, and the typed factories that build them. The schemas
// are checked when a created event is sent (`.create()` + `inngest.send` / `step.sendEvent`)
// and again when a function receives it. Every event has a deterministic id: Inngest starts no
// second run for an id it saw in the last 24 h, so a send repeated (an SDK or step retry, a double
// click) is one event, while a new occurrence (a later sweep, a later retry) gets a new id.

/** One delivery is due. `endpointId` is carried for the per-endpoint flow-control keys. */
export const deliveryRequested = eventType("waypoint/delivery.requested", {
  schema: z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1) }),
});

/** A person asked for these deliveries to be sent again now (manual retry). */
export const deliveryRetryRequested = eventType("waypoint/delivery.retry-requested", {
  schema: z.object({ deliveryIds: z.array(z.string().min(1)).min(1), triggeredById: z.string().min(1).nullable() }),
});

/** One SMS message is due. */
export const smsRequested = eventType("waypoint/sms.requested", {
  schema: z.object({ smsMessageId: z.string().min(1) }),
});

export type DeliveryRequestedData = z.infer<typeof deliveryRequested.schema>;
export type DeliveryRetryRequestedData = z.infer<typeof deliveryRetryRequested.schema>;
export type SmsRequestedData = z.infer<typeof smsRequested.schema>;

/** Delivery ids per `waypoint/delivery.retry-requested` event. */
export const RETRY_BATCH = 100;

/** `<kind>-<row id>[-<occurrence>]`: the same announcement of the same row always gets the same id. */
const eventId = (kind: string, rowId: string, occurrence?: string) => `waypoint-${kind}-${rowId}${occurrence ? `-${occurrence}` : ""}`;

/** The `waypoint/delivery.requested` event for one delivery row; `occurrence` tells a re-announcement (a sweep's tick) from the first. */
export const deliveryRequestedEvent = (delivery: { id: string; endpointId: string }, occurrence?: string) =>
  deliveryRequested.create({ deliveryId: delivery.id, endpointId: delivery.endpointId }, { id: eventId("delivery", delivery.id, occurrence) });

/** The `waypoint/sms.requested` event for one message. */
export const smsRequestedEvent = (smsMessageId: string, occurrence?: string) => smsRequested.create({ smsMessageId }, { id: eventId("sms", smsMessageId, occurrence) });

/**
 * `waypoint/delivery.retry-requested` events for a person's retry, RETRY_BATCH ids per event. The
 * id hashes the person and each delivery with its attempt count: asking twice before the first
 * retry ran is one retry; asking again after it ran is another.
 */
export function deliveryRetryRequestedEvents(deliveries: readonly { id: string; attemptCount: string }[], triggeredById: string | null) {
  const events = [];
  for (let i = 0; i < deliveries.length; i += RETRY_BATCH) {
    const batch = deliveries.slice(i, i + RETRY_BATCH);
    const digest = createHash("sha256")
      .update(`${triggeredById ?? "api-key"}|${batch.map((d) => `${d.id}:${d.attemptCount}`).join(",")}`)
      .digest("hex")
      .slice(0, 32);
    events.push(deliveryRetryRequested.create({ deliveryIds: batch.map((d) => d.id), triggeredById }, { id: `waypoint-retry-${digest}` }));
  }
  return events;
}
