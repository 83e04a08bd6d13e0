import "server-only";
import { db } from "@/lib/db/client";

/** Every partner's endpoints with the figures support looks at first. */
export async function listEndpointsAcrossPartners() {
  const endpoints = await db.endpoint.findMany({
    orderBy: [{ partner: { name: "asc" } }, { createdAt: "asc" }],
    select: { id: true, url: true, enabled: true, disabledReason: true, disabledAt: true, partner: { select: { id: true, name: true, tier: true } } },
  });
  const counts = await db.delivery.groupBy({ by: ["endpointId", "status"], _count: { _all: true }, where: { endpointId: { in: endpoints.map((e) => e.id) } } });
  const figure = (endpointId: string, status: string) => counts.find((c) => c.endpointId === endpointId && c.status === status)?._count._all ?? 0;
  return endpoints.map((e) => ({
    ...e,
    delivered: figure(e.id, "delivered"),
    retrying: figure(e.id, "retrying") + figure(e.id, "pending"),
    deadLettered: figure(e.id, "dead_lettered"),
  }));
}
