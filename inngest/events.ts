import { eventType } from "inngest";
import { z } from "zod";

// The events Waypoint sends to Inngest. The schemas are checked when a created event is sent
// (`.create()` + `inngest.send` / `step.sendEvent`) and again when a function receives it.

/** One delivery is due. `endpointId` is carried for the per-endpoint flow-control keys. */
export const deliveryRequested = eventType("waypoint/delivery.requested", {
  schema: z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1) }),
});

/** A person asked for these deliveries to be sent again now (manual retry). */
export const deliveryRetryRequested = eventType("waypoint/delivery.retry-requested", {
  schema: z.object({ deliveryIds: z.array(z.string().min(1)).min(1), triggeredById: z.string().min(1).nullable() }),
});

export type DeliveryRequestedData = z.infer<typeof deliveryRequested.schema>;
export type DeliveryRetryRequestedData = z.infer<typeof deliveryRetryRequested.schema>;

/** The `waypoint/delivery.requested` event for one delivery row (validated when sent). */
export const deliveryRequestedEvent = (delivery: { id: string; endpointId: string }) =>
  deliveryRequested.create({ deliveryId: delivery.id, endpointId: delivery.endpointId });
