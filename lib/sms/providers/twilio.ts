import "server-only";
import type { RequestClient } from "twilio";
import { SMS_SEND_TIMEOUT_MS } from "@/lib/sms/policy";
import { SmsProviderError, type SmsProvider } from "@/lib/sms/providers/types";

export type TwilioConfig = {
  accountSid: string;
  authToken: string;
  from: string;
  /** Only for tests: a RequestClient that talks to a local stand-in for api.twilio.com. */
  httpClient?: RequestClient;
};

/** Twilio Programmable Messaging: `messages.create({ to, from, body })`. */
export function createTwilioProvider(config: TwilioConfig): SmsProvider {
  // Loaded on first use: the SDK is large and most deployments use the outbox.
  let client: Promise<import("twilio").Twilio> | null = null;
  const getClient = () =>
    (client ??= import("twilio").then(({ default: twilio }) =>
      twilio(config.accountSid, config.authToken, { timeout: SMS_SEND_TIMEOUT_MS, autoRetry: false, httpClient: config.httpClient }),
    ));

  return {
    name: "twilio",
    async send(message) {
      try {
        const sent = await (await getClient()).messages.create({ to: toE164(message.to), from: config.from, body: message.body });
        return { providerMessageId: sent.sid };
      } catch (error) {
        throw toProviderError(error);
      }
    },
  };
}

// Twilio answers 4xx for requests that will never succeed (bad number, unverified sender,
// blocked recipient), except 429 (too many requests) which passes. Network errors have no status.
function toProviderError(error: unknown): SmsProviderError {
  const status = typeof error === "object" && error !== null ? (error as { status?: unknown }).status : undefined;
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof status === "number") {
    const permanent = status >= 400 && status < 500 && status !== 429;
    return new SmsProviderError(`Twilio ${status}${typeof code === "number" ? ` (error ${code})` : ""}: ${text}`, permanent);
  }
  return new SmsProviderError(`Twilio unreachable: ${text}`);
}

/** Twilio wants E.164. Numbers without "+" are read the way lib/events/mask.ts reads them. */
export function toE164(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (phone.trim().startsWith("+")) return `+${digits}`;
  if (digits.length === 10) return `+91${digits}`; // a domestic Indian mobile number
  if (digits.length === 11 && digits.startsWith("0")) return `+91${digits.slice(1)}`;
  return `+${digits}`;
}
