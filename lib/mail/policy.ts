// Mail sending rules, as named constants. No server imports: the unit tests read them directly.
import { decideAfterFailure, type RetryDecision } from "@/lib/delivery/policy";

/**
 * Retries after the first failed send, in seconds: 30 s, 2 min, 8 min, 30 min, 2 h. Long enough
 * to ride out an SMTP provider's outage or a rate limit; after the last one the row is marked
 * failed (kept and visible) instead of retrying forever. A reset link is valid for longer than
 * this whole schedule, so a mail sent on its last retry is still useful.
 */
export const MAIL_RETRY_SCHEDULE_S = [30, 120, 480, 1800, 7200] as const;

/** What happens after `attemptsMade` failed sends: a retry at a time, or failed for good. */
export const decideAfterMailFailure = (attemptsMade: number, now = new Date(), schedule: readonly number[] = MAIL_RETRY_SCHEDULE_S): RetryDecision =>
  decideAfterFailure(schedule, attemptsMade, now);

/** SMTP timeouts: connecting, the server's greeting, and silence mid-conversation. */
export const SMTP_TIMEOUTS_MS = { connection: 10_000, greeting: 10_000, socket: 30_000 } as const;

/**
 * A new mail is leased to the request that wrote it for this long. If that process dies before
 * recording the outcome, the retry loop picks the row up after this (it is due then too).
 */
export const MAIL_FIRST_SEND_LEASE_MS = 2 * 60_000;

/** The retry loop's lease on a batch it claimed: longer than a batch of worst-case sends. */
export const MAIL_RETRY_LEASE_MS = 10 * 60_000;

/** Sends at once while working through a claimed batch; mail providers throttle parallel connections. */
export const MAIL_RETRY_CONCURRENCY = 5;

export const MAIL_LOOP_INTERVAL_MS = 15_000;
export const DIGEST_INTERVAL_MS = 5 * 60_000;

/** The dead-letter alert: look back this far for new dead letters, and stay quiet this long after a mail. */
export const DIGEST = {
  newDeadLettersWithinMs: 60 * 60_000,
  quietForMs: 6 * 60 * 60_000,
  countWithinMs: 7 * 24 * 60 * 60_000,
} as const;
