// lib/sms owns customer SMS: templates, planning in the event's statement, the SMS engine, sends and providers.
import "server-only";
import { db } from "@/lib/db/client";
import { failureText, outcomeOf, type AttemptResult } from "@/lib/delivery/outcome";
import { SMS_LEASE_MS, SMS_RETRY_SCHEDULE_S, SMS_SEND_TIMEOUT_MS } from "@/lib/sms/policy";
import { smsProvider, SmsProviderError, type SmsProvider } from "@/lib/sms/providers";

export type SmsAttemptOutcome =
  | { kind: "sent"; attemptNumber: number }
  | { kind: "retry"; attemptNumber: number; delaySeconds: number; at: string }
  | { kind: "dead_lettered"; attemptNumber: number; reason: string }
  | { kind: "skipped"; reason: string };

export type SmsAttemptOptions = {
  /** The embedded engine leased the row when it claimed it. */
  leased?: boolean;
  /** Defaults to the configured provider; tests pass their own. */
  provider?: SmsProvider;
  /** Defaults to SMS_RETRY_SCHEDULE_S; tests pass a fast one. */
  schedule?: readonly number[];
};

/**
 * One send of one SMS and the state change it causes. The embedded engine and the Inngest
 * function both call exactly this. What a result means (success, retry on the schedule, dead-letter,
 * a permanent failure dead-letters at once) is the webhook rule, outcomeOf in lib/delivery/outcome.ts,
 * applied with the SMS policy (lib/sms/policy.ts).
 */
export async function performSmsAttempt(messageId: string, opts: SmsAttemptOptions = {}): Promise<SmsAttemptOutcome> {
  if (!opts.leased && !(await acquireLease(messageId))) return { kind: "skipped", reason: "another attempt is in progress" };
  const message = await db.smsMessage.findUnique({
    where: { id: messageId },
    select: { id: true, toPhone: true, body: true, status: true, attemptCount: true, partner: { select: { smsEnabled: true } } },
  });
  if (!message || message.status === "sent" || message.status === "dead_lettered") {
    // Nothing is due on a finished message: clearing nextAttemptAt keeps it out of every claim.
    await db.smsMessage.updateMany({ where: { id: messageId }, data: { lockedUntil: null, nextAttemptAt: null } });
    return { kind: "skipped", reason: message ? `already ${message.status}` : "message no longer exists" };
  }
  // The merchant switched SMS off after this was queued: they asked for silence, so it stays unsent.
  if (!message.partner.smsEnabled) return deadLetterSms(messageId, message.attemptCount, "SMS was switched off before this message was sent");

  const provider = opts.provider ?? smsProvider();
  const startedAt = new Date();
  let sent: { providerMessageId: string } | null = null;
  let result: AttemptResult;
  try {
    sent = await withTimeout(provider.send({ id: message.id, to: message.toPhone, body: message.body }), SMS_SEND_TIMEOUT_MS);
    result = { success: true, statusCode: null, errorMessage: null };
  } catch (error) {
    const permanent = error instanceof SmsProviderError && error.permanent;
    result = { success: false, statusCode: null, errorMessage: error instanceof Error ? error.message : String(error), permanent };
  }
  const latencyMs = Date.now() - startedAt.getTime();
  const attemptNumber = message.attemptCount + 1;
  const outcome = outcomeOf({ result, attemptNumber, schedule: opts.schedule ?? SMS_RETRY_SCHEDULE_S, trigger: "automatic" });
  await record(messageId, { startedAt, latencyMs, provider: provider.name, attemptNumber, result, providerMessageId: sent?.providerMessageId ?? null, outcome });
  switch (outcome.kind) {
    case "delivered":
      return { kind: "sent", attemptNumber };
    case "retry":
    case "dead_lettered":
      return outcome;
    default:
      throw new Error(`unexpected SMS outcome ${outcome.kind}`); // automatic attempts are never "failed_manual" or "skipped"
  }
}

/** The attempt row and the message's new state, in one transaction. We hold the lease, so the attempt number read before sending is still right. */
async function record(
  messageId: string,
  input: { startedAt: Date; latencyMs: number; provider: string; attemptNumber: number; result: AttemptResult; providerMessageId: string | null; outcome: ReturnType<typeof outcomeOf> },
) {
  const { result, outcome } = input;
  const error = result.success ? null : failureText(result);
  const state =
    outcome.kind === "delivered"
      ? { status: "sent" as const, sentAt: new Date(), providerMessageId: input.providerMessageId, nextAttemptAt: null }
      : outcome.kind === "retry"
        ? { status: "retrying" as const, nextAttemptAt: new Date(outcome.at) }
        : { status: "dead_lettered" as const, nextAttemptAt: null };
  await db.$transaction([
    db.smsAttempt.create({ data: { smsMessageId: messageId, startedAt: input.startedAt, success: result.success, latencyMs: input.latencyMs, error } }),
    db.smsMessage.update({
      where: { id: messageId },
      data: { attemptCount: input.attemptNumber, lockedUntil: null, provider: input.provider, lastError: error, ...state },
    }),
  ]);
}

/** Dead-letters an SMS without a send (SMS switched off). Idempotent. */
export async function deadLetterSms(messageId: string, attemptCount: number, reason: string): Promise<SmsAttemptOutcome> {
  await db.smsMessage.updateMany({
    where: { id: messageId, status: { in: ["pending", "retrying"] } },
    data: { status: "dead_lettered", nextAttemptAt: null, lockedUntil: null, lastError: reason },
  });
  return { kind: "dead_lettered", attemptNumber: attemptCount, reason };
}

async function acquireLease(messageId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db.smsMessage.updateMany({
    where: { id: messageId, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + SMS_LEASE_MS) },
  });
  return count === 1;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmsProviderError(`No answer from the SMS provider within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
