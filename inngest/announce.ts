import "server-only";
import { inngest } from "@/inngest/client";
import type { AnnouncedDelivery } from "@/lib/delivery/engine/announce";

/** One `waypoint/delivery.requested` per delivery; the endpoint id keys flow control. */
export async function announceToInngest(deliveries: AnnouncedDelivery[]) {
  await inngest.send(deliveries.map((d) => ({ name: "waypoint/delivery.requested", data: { deliveryId: d.id, endpointId: d.endpointId } })));
}
