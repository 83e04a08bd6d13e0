import { eventType } from "inngest";
import { z } from "zod";

// Every event Waypoint sends to Inngest, and the typed factories that build them. The schemas
// are checked when a created event is sent (`.create()` + `inngest.send` / `step.sendEvent`)
// and again when a function receives it.

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

/** The `waypoint/delivery.requested` event for one delivery row (validated when sent). */
export const deliveryRequestedEvent = (delivery: { id: string; endpointId: string }) =>
  deliveryRequested.create({ deliveryId: delivery.id, endpointId: delivery.endpointId });

/** The `waypoint/sms.requested` event for one message. */
export const smsRequestedEvent = (smsMessageId: string) => smsRequested.create({ smsMessageId });

/** `waypoint/delivery.retry-requested` events for a person's retry, RETRY_BATCH ids per event. */
export function deliveryRetryRequestedEvents(deliveryIds: readonly string[], triggeredById: string | null) {
  const events = [];
  for (let i = 0; i < deliveryIds.length; i += RETRY_BATCH) {
    events.push(deliveryRetryRequested.create({ deliveryIds: deliveryIds.slice(i, i + RETRY_BATCH), triggeredById }));
  }
  return events;
}
