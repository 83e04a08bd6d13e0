import { maskPhone } from "@/lib/events/mask";
import type { MessageStatus } from "@/lib/db/generated/enums";

type SmsMessageRow = {
  id: string;
  body: string;
  toPhone: string;
  provider: string;
  status: MessageStatus;
  attemptCount: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
};

/** How an SMS is shown (outbox, order detail): the recipient's phone masked, times as ISO strings. */
export const smsMessageView = (m: SmsMessageRow) => ({
  id: m.id,
  body: m.body,
  to: maskPhone(m.toPhone) ?? "",
  provider: m.provider,
  status: m.status,
  attemptCount: m.attemptCount,
  lastError: m.lastError,
  sentAt: m.sentAt?.toISOString() ?? null,
  createdAt: m.createdAt.toISOString(),
});
