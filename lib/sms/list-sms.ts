import "server-only";
import { db } from "@/lib/db/client";
import { smsMessageView } from "@/lib/sms/message-view";

export const OUTBOX_PAGE_SIZE = 50;

/** The SMS outbox: the partner's most recent messages, newest first, phones masked. */
export async function listRecentSms(partnerId: string, limit = OUTBOX_PAGE_SIZE) {
  const rows = await db.smsMessage.findMany({
    where: { partnerId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      body: true,
      toPhone: true,
      provider: true,
      status: true,
      attemptCount: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      event: { select: { type: true } },
      order: { select: { id: true, merchantOrderRef: true } },
    },
  });
  return rows.map((m) => ({
    ...smsMessageView(m),
    eventType: m.event?.type ?? null,
    orderId: m.order.id,
    orderRef: m.order.merchantOrderRef,
  }));
}
export type OutboxMessage = Awaited<ReturnType<typeof listRecentSms>>[number];
