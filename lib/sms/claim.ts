import "server-only";
import type pg from "pg";

/**
 * Leases up to `limit` due SMS messages (the delivery engine's claim, for SmsMessage rows).
 * SKIP LOCKED lets several processes claim side by side; a crashed process's lease expires.
 * Sent and dead-lettered messages have no nextAttemptAt, so they are never claimed.
 */
export async function claimDueSms(pool: pg.Pool, opts: { limit: number; leaseMs: number }): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE "SmsMessage"
        SET "lockedUntil" = now() + ($2::int * interval '1 millisecond')
      WHERE id IN (
            SELECT id FROM "SmsMessage"
             WHERE "nextAttemptAt" <= now()
               AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
             ORDER BY "nextAttemptAt"
             LIMIT $1
             FOR UPDATE SKIP LOCKED)
  RETURNING id`,
    [opts.limit, opts.leaseMs],
  );
  return rows.map((r) => r.id);
}
