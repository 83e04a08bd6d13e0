import "server-only";
import { db } from "@/lib/db/client";
import { retryDeliveryIds, type RetryActor } from "@/lib/delivery/retry";

export const SUPPORT_DEAD_LETTER_LIMIT = 200;

/** The newest dead-lettered deliveries of every partner, for the support console. */
export async function listDeadLettersAcrossPartners(limit = SUPPORT_DEAD_LETTER_LIMIT) {
  const [rows, total] = await Promise.all([
    db.delivery.findMany({
      where: { status: "dead_lettered" },
      orderBy: { deadLetteredAt: "desc" },
      take: limit,
      select: {
        id: true,
        attemptCount: true,
        lastError: true,
        deadLetteredAt: true,
        partner: { select: { id: true, name: true } },
        endpoint: { select: { url: true } },
        event: { select: { id: true, type: true } },
      },
    }),
    db.delivery.count({ where: { status: "dead_lettered" } }),
  ]);
  return { rows, total };
}

/** Retries dead-lettered deliveries on the partners' behalf: one audit entry per partner, visible to it. */
export async function retryDeadLettersAcrossPartners(ids: string[] | "all", actor: RetryActor) {
  const rows = await db.delivery.findMany({
    where: { status: "dead_lettered", ...(ids === "all" ? {} : { id: { in: ids } }) },
    select: { id: true, partnerId: true },
    take: 5_000,
  });
  const byPartner = new Map<string, typeof rows>();
  for (const row of rows) byPartner.set(row.partnerId, [...(byPartner.get(row.partnerId) ?? []), row]);
  let queued = 0;
  for (const [partnerId, list] of byPartner) {
    queued += (await retryDeliveryIds(partnerId, list.map((r) => r.id), actor, { bySupport: true })).queued;
  }
  return { queued, partners: byPartner.size };
}
