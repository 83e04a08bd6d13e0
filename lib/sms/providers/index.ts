import "server-only";
import { env } from "@/lib/env";
import { outboxProvider } from "@/lib/sms/providers/outbox";
import { createTwilioProvider } from "@/lib/sms/providers/twilio";
import type { SmsProvider } from "@/lib/sms/providers/types";

let configured: SmsProvider | null = null;

/** The provider SMS_PROVIDER names (lib/env-schema.ts checks Twilio's variables at start). */
export function smsProvider(): SmsProvider {
  if (configured) return configured;
  configured =
    env.SMS_PROVIDER === "twilio"
      ? createTwilioProvider({ accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, from: env.TWILIO_FROM_NUMBER! })
      : outboxProvider;
  return configured;
}

export const configuredProviderName = () => env.SMS_PROVIDER;
export { SmsProviderError, type SmsProvider } from "@/lib/sms/providers/types";
