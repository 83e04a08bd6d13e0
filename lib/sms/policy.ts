// SMS sending rules, as named constants.

/**
 * Retries after the first attempt, in seconds: a fixed SMS schedule, not the partner's webhook
 * schedule. That one is tuned to the partner's own servers; this one to an SMS provider's
 * blips, and to what the text is for: an OTP that arrives ten minutes late is useless, so the
 * last retry is two minutes after the first failure and then the message is dead-lettered.
 */
export const SMS_RETRY_SCHEDULE_S = [5, 30, 90] as const;

/** A provider call that takes longer than this counts as failed (and is retried). */
export const SMS_SEND_TIMEOUT_MS = 10_000;

/** The engine's lease on a message it is sending; longer than any send can take. */
export const SMS_LEASE_MS = 30_000;

/**
 * Events that happened longer ago than this get no SMS: an OMS catching up after an outage (or
 * a backfill, or the demo seed) must not text customers "out for delivery" hours later.
 */
export const SMS_MAX_EVENT_AGE_MS = 60 * 60 * 1000;
