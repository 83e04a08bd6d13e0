// lib/security owns rate limits: named rules and the counters in Postgres.
import "server-only";
import { counterSql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export type RateLimitRule = { limit: number; windowSeconds: number };

// Named limits: failed sign-ins per email and per client address slow password guessing; ingest
// protects the database from one runaway integration (~3x the seeds' 10k orders/day spikes
// still fit easily: 6,000 requests a minute per key by default; a key's own
// ApiKey.ingestRateLimitPerMinute overrides it, see ingestRuleFor).
export const RATE_LIMITS = {
  signInPerEmail: { limit: 10, windowSeconds: 15 * 60 },
  signInPerAddress: { limit: 50, windowSeconds: 15 * 60 },
  ingestPerKey: { limit: 6000, windowSeconds: 60 },
  // Every request counts (each one sends a mail): a few per hour for a person who lost the
  // first mail, not enough to flood someone's inbox; per address stops one client trying many emails.
  passwordResetPerEmail: { limit: 3, windowSeconds: 60 * 60 },
  passwordResetPerAddress: { limit: 20, windowSeconds: 60 * 60 },
} as const satisfies Record<string, RateLimitRule>;

/** The ingest limit of one key: its own per-minute limit when set, else the default. */
export const ingestRuleFor = (perMinute: number | null | undefined): RateLimitRule =>
  perMinute && perMinute > 0 ? { limit: perMinute, windowSeconds: 60 } : RATE_LIMITS.ingestPerKey;

/** Counts a hit for the bucket keys `source` yields (a VALUES list or a SELECT); $2 is the window in seconds. */
export const hitSql = (source: string) => `
INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") ${source}
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => $2::int) THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
  "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" <= now() - make_interval(secs => $2::int) THEN now() ELSE "RateLimitBucket"."windowStart" END
RETURNING "count", CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => $2::int) - now())))::int AS retry_after`;
const HIT_SQL = hitSql(`VALUES ($1, now(), 1)`);

/** Seconds to wait after a hit that made the window's `count`: 0 while within the limit. */
export const waitAfterHit = (row: { count: number; retry_after: number }, rule: RateLimitRule) => (row.count > rule.limit ? Math.max(1, row.retry_after) : 0);

/** The 429 for a key over its limit, carrying Retry-After. */
export const rateLimited = (retryAfter: number, what: string) =>
  new AppError("rate_limited", `Too many ${what}. Try again in ${retryAfter} s.`, { retryAfterSeconds: retryAfter });

/** Counts one hit in a fixed window shared by every process (one upsert); returns seconds to wait, 0 if allowed. */
export async function hitRateLimit(key: string, rule: RateLimitRule): Promise<number> {
  // Runs on every ingest request: plain SQL, on the counter pool (no WAL flush wait; lib/db/sql.ts).
  const rows = await counterSql().query<{ count: number; retry_after: number }>(HIT_SQL, [key, rule.windowSeconds], "waypoint_rate_limit_hit");
  return waitAfterHit(rows[0]!, rule);
}

/** Seconds to wait if the key is already over its limit, without counting a hit. */
export async function peekRateLimit(key: string, rule: RateLimitRule): Promise<number> {
  const rows = await counterSql().query<{ count: number; retry_after: number }>(
    `SELECT "count", CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => $2::int) - now())))::int AS retry_after
       FROM "RateLimitBucket" WHERE "key" = $1`,
    [key, rule.windowSeconds],
  );
  const row = rows[0];
  return row && row.retry_after > 0 && row.count >= rule.limit ? row.retry_after : 0;
}

/** Throws a 429 AppError carrying Retry-After when the key is over its limit. */
export async function enforceRateLimit(key: string, rule: RateLimitRule, what: string) {
  const retryAfter = await hitRateLimit(key, rule);
  if (retryAfter > 0) throw rateLimited(retryAfter, what);
}
