import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { renderBody, type RenderedBody } from "@/lib/events/render";
import { logger } from "@/lib/logger";
import { deriveEventStatus } from "@/lib/event-log/status";
import { listCliAttempts } from "@/lib/listen/attempts";

/**
 * One event of one partner (another partner's id is "not found", never "forbidden"), with
 * each delivery's body rendered exactly as that endpoint receives it and its full attempt
 * history, oldest first, naming who triggered manual attempts.
 */
export async function getEventDetail(partnerId: string, eventId: string) {
  const event = await db.orderEvent.findFirst({
    where: { id: eventId, partnerId },
    include: {
      order: { select: { merchantOrderRef: true } },
      deliveries: {
        orderBy: [{ endpoint: { createdAt: "asc" } }, { id: "asc" }],
        include: {
          endpoint: { select: { id: true, url: true, description: true, format: true, schemaVersion: true, enabled: true } },
          attempts: { orderBy: { startedAt: "asc" }, include: { triggeredBy: { select: { name: true, email: true } } } },
        },
      },
    },
  });
  if (!event) throw notFound(`Event ${eventId}`);
  const deliveries = event.deliveries.map((d) => ({ ...d, request: render(event.id, event.payload, d.endpoint) }));
  const cliAttempts = await listCliAttempts(partnerId, event.id);
  return { ...event, status: deriveEventStatus(deliveries.map((d) => d.status)), deliveries, cliAttempts };
}

export type EventDetail = Awaited<ReturnType<typeof getEventDetail>>;

// The same renderBody the sender uses, so what the page shows is byte for byte what was signed
// (with the endpoint's current format and version). A stored payload that no longer parses is
// shown as unavailable instead of failing the whole page; the sender refuses it the same way.
function render(eventId: string, payload: unknown, endpoint: { format: "json" | "xml"; schemaVersion: "v1" | "v2" }): RenderedBody | null {
  try {
    return renderBody(payload, { format: endpoint.format, schemaVersion: endpoint.schemaVersion });
  } catch (err) {
    logger.error({ err, eventId }, "stored event payload does not render");
    return null;
  }
}
