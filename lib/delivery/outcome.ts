import type { HttpAttemptResult } from "@/lib/delivery/http-attempt";
import { decideAfterFailure, decideAfterThrottle, retryAfterSeconds } from "@/lib/delivery/policy";

export type AttemptTrigger = "automatic" | "manual";

export type AttemptOutcome =
  | { kind: "delivered"; attemptNumber: number }
  | { kind: "retry"; attemptNumber: number; delaySeconds: number; at: string }
  | { kind: "dead_lettered"; attemptNumber: number; reason: string }
  | { kind: "failed_manual"; attemptNumber: number }
  | { kind: "skipped"; reason: string }
  /** No attempt now, try again after the delay: not due yet, leased by another worker, or no rate-limit slot. */
  | { kind: "deferred"; reason: string; delaySeconds: number; at: string };

/**
 * What an attempt's result needs to say: an HTTP attempt (webhooks) or a provider's answer (SMS,
 * which may also call a failure permanent: no retry would help).
 */
export type AttemptResult = Pick<HttpAttemptResult, "success" | "statusCode" | "errorMessage"> & { permanent?: boolean; responseHeaders?: Record<string, string> };

/**
 * What an attempt's result means for the row it was made for: the retry policy applied once,
 * here, for webhook deliveries and SMS alike (each passes its own schedule).
 */
export function outcomeOf(input: { result: AttemptResult; attemptNumber: number; schedule: readonly number[]; trigger: AttemptTrigger; now?: Date }): AttemptOutcome {
  const { result, attemptNumber } = input;
  if (result.success) return { kind: "delivered", attemptNumber };
  if (input.trigger === "manual") return { kind: "failed_manual", attemptNumber };
  // A receiver that answered 429/503 with Retry-After is not asked again sooner than it said.
  const wait = retryAfterSeconds(result.statusCode, result.responseHeaders, input.now);
  const decision = result.permanent
    ? ({ kind: "dead_letter" } as const)
    : wait !== null
      ? decideAfterThrottle(input.schedule, attemptNumber, wait, input.now)
      : decideAfterFailure(input.schedule, attemptNumber, input.now);
  if (decision.kind === "retry") return { kind: "retry", attemptNumber, delaySeconds: decision.delaySeconds, at: decision.at.toISOString() };
  return { kind: "dead_lettered", attemptNumber, reason: failureText(result) };
}

/** The partner-facing reason an attempt failed (Delivery.lastError, SmsMessage.lastError). */
export const failureText = (result: AttemptResult) => result.errorMessage ?? `HTTP ${result.statusCode}`;

export type DeliveryState =
  | { status: "delivered"; deliveredAt: Date; nextAttemptAt: null }
  | { status: "retrying"; nextAttemptAt: Date }
  | { status: "dead_lettered"; deadLetteredAt: Date; nextAttemptAt: null }
  | Record<string, never>; // a failed manual retry leaves the automatic schedule (or the dead-letter) as it was

/** The delivery columns an outcome sets. */
export function stateAfter(outcome: AttemptOutcome, now: Date): DeliveryState {
  switch (outcome.kind) {
    case "delivered":
      return { status: "delivered", deliveredAt: now, nextAttemptAt: null };
    case "retry":
      return { status: "retrying", nextAttemptAt: new Date(outcome.at) };
    case "dead_lettered":
      return { status: "dead_lettered", deadLetteredAt: now, nextAttemptAt: null };
    default:
      return {};
  }
}
