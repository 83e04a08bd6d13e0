import "server-only";
import { db } from "@/lib/db/client";
import { decideAfterFailure } from "@/lib/delivery/policy";
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
 * function both call exactly this; the rules (success, backoff, dead-letter) live here only.
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
  if (!message.partner.smsEnabled) return deadLetter(messageId, message.attemptCount, "SMS was switched off before this message was sent");

  const provider = opts.provider ?? smsProvider();
  const startedAt = new Date();
  let result: { ok: true; providerMessageId: string } | { ok: false; error: string; permanent: boolean };
  try {
    const sent = await withTimeout(provider.send({ id: message.id, to: message.toPhone, body: message.body }), SMS_SEND_TIMEOUT_MS);
    result = { ok: true, providerMessageId: sent.providerMessageId };
  } catch (error) {
    const permanent = error instanceof SmsProviderError && error.permanent;
    result = { ok: false, error: error instanceof Error ? error.message : String(error), permanent };
  }
  const latencyMs = Date.now() - startedAt.getTime();
  return record(messageId, { startedAt, latencyMs, provider: provider.name, result, schedule: opts.schedule ?? SMS_RETRY_SCHEDULE_S });
}

async function record(
  messageId: string,
  input: {
    startedAt: Date;
    latencyMs: number;
    provider: string;
    result: { ok: true; providerMessageId: string } | { ok: false; error: string; permanent: boolean };
    schedule: readonly number[];
  },
): Promise<SmsAttemptOutcome> {
  const { result } = input;
  return db.$transaction(async (tx) => {
    await tx.smsAttempt.create({
      data: { smsMessageId: messageId, startedAt: input.startedAt, success: result.ok, latencyMs: input.latencyMs, error: result.ok ? null : result.error },
    });
    const { attemptCount } = await tx.smsMessage.update({
      where: { id: messageId },
      data: { attemptCount: { increment: 1 }, lockedUntil: null, provider: input.provider, lastError: result.ok ? null : result.error },
      select: { attemptCount: true },
    });
    if (result.ok) {
      await tx.smsMessage.update({
        where: { id: messageId },
        data: { status: "sent", sentAt: new Date(), providerMessageId: result.providerMessageId, nextAttemptAt: null },
      });
      return { kind: "sent", attemptNumber: attemptCount };
    }
    const decision = result.permanent ? ({ kind: "dead_letter" } as const) : decideAfterFailure(input.schedule, attemptCount);
    if (decision.kind === "retry") {
      await tx.smsMessage.update({ where: { id: messageId }, data: { status: "retrying", nextAttemptAt: decision.at } });
      return { kind: "retry", attemptNumber: attemptCount, delaySeconds: decision.delaySeconds, at: decision.at.toISOString() };
    }
    await tx.smsMessage.update({ where: { id: messageId }, data: { status: "dead_lettered", nextAttemptAt: null } });
    return { kind: "dead_lettered", attemptNumber: attemptCount, reason: result.error };
  });
}

/** Dead-letters without a send. Idempotent. */
export async function deadLetter(messageId: string, attemptCount: number, reason: string): Promise<SmsAttemptOutcome> {
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
