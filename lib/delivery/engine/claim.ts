import "server-only";
import type pg from "pg";
import { attemptContextFrom, type AttemptContext } from "@/lib/delivery/attempt-context";

/** A leased delivery: the claim is the only read per attempt. */
export type ClaimedDelivery = AttemptContext;

// SKIP LOCKED lets several processes claim side by side; the lease (lockedUntil) is how a
// crashed process's work comes back: it simply expires. A claimed row's due time moves to its
// lease end too, so the claim's walk along the nextAttemptAt index never passes over rows in
// flight (a slow endpoint's hundreds of leased rows were re-read by every claim), and a crashed
// worker's rows come due exactly when their leases run out. The attempt sees the due time it was
// claimed at (picked.due_at); recording it sets the next one (a retry's, or none).
const CLAIM_SQL = `
WITH picked AS (
  SELECT id, "nextAttemptAt" AS due_at FROM "Delivery"
   WHERE "nextAttemptAt" <= now()
     AND status IN ('pending', 'retrying')
     AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
     AND NOT ("endpointId" = ANY($3::text[]))
   ORDER BY "nextAttemptAt"
   LIMIT $1
   FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE "Delivery" d SET "lockedUntil" = now() + ($2::int * interval '1 millisecond'),
                          "nextAttemptAt" = now() + ($2::int * interval '1 millisecond')
    FROM picked WHERE d.id = picked.id
  RETURNING d.id, d."eventId", d."endpointId", d."partnerId", d.status, d."attemptCount", picked.due_at AS "nextAttemptAt", d."lockedUntil"
)
${attemptContextFrom("claimed")}`;

/** Leases up to `limit` due deliveries and reads what their attempts need, in one statement. */
export async function claimDueDeliveries(pool: pg.Pool, opts: { limit: number; leaseMs: number; excludeEndpoints: string[] }): Promise<ClaimedDelivery[]> {
  const { rows } = await pool.query<ClaimedDelivery>({ name: "waypoint_claim_deliveries", text: CLAIM_SQL, values: [opts.limit, opts.leaseMs, opts.excludeEndpoints] });
  return rows;
}

/** Gives leases back with a later due time (rate limited): no attempt was made. */
export async function deferDeliveries(pool: pg.Pool, ids: string[], delayMs: number[]) {
  if (ids.length === 0) return;
  await pool.query(
    `UPDATE "Delivery" d SET "lockedUntil" = NULL, "nextAttemptAt" = now() + (x.delay_ms * interval '1 millisecond')
       FROM unnest($1::text[], $2::int[]) AS x(id, delay_ms) WHERE d.id = x.id`,
    [ids, delayMs],
  );
}
