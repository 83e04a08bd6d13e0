import "server-only";
import type pg from "pg";

export type ClaimedDelivery = { id: string; endpointId: string; rateLimitPerSecond: number | null };

/**
 * Leases up to `limit` due deliveries. SKIP LOCKED lets several processes claim side by side;
 * the lease (lockedUntil) is how a crashed process's work comes back: it simply expires.
 */
export async function claimDueDeliveries(pool: pg.Pool, opts: { limit: number; leaseMs: number; excludeEndpoints: string[] }): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<ClaimedDelivery>(
    `UPDATE "Delivery" d
        SET "lockedUntil" = now() + ($2::int * interval '1 millisecond')
       FROM "Endpoint" e
      WHERE e.id = d."endpointId"
        AND d.id IN (
          SELECT id FROM "Delivery"
           WHERE "nextAttemptAt" <= now()
             AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
             AND NOT ("endpointId" = ANY($3::text[]))
           ORDER BY "nextAttemptAt"
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
  RETURNING d.id, d."endpointId", e."rateLimitPerSecond"`,
    [opts.limit, opts.leaseMs, opts.excludeEndpoints],
  );
  return rows;
}

/** Gives a lease back with a later due time (rate limited): no attempt was made. */
export async function deferDelivery(pool: pg.Pool, id: string, delayMs: number) {
  await pool.query(
    `UPDATE "Delivery" SET "lockedUntil" = NULL, "nextAttemptAt" = now() + ($2::int * interval '1 millisecond') WHERE id = $1`,
    [id, delayMs],
  );
}
