import "server-only";
import type { SmsProvider } from "@/lib/sms/providers/types";

/**
 * The default provider: nothing leaves the building. The message row itself is the outbox;
 * "sending" marks it sent so the dashboard's SMS outbox shows exactly what a customer would
 * have received. Used in development, demos, and by partners before they connect Twilio.
 */
export const outboxProvider: SmsProvider = {
  name: "outbox",
  async send(message) {
    return { providerMessageId: `outbox_${message.id}` };
  },
};
