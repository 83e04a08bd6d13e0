import "server-only";
import { openSecret } from "@/lib/crypto/keyring";
import type { DeliveryStatus, PayloadFormat, SchemaVersion } from "@/lib/db/generated/enums";
import { sql, type Sql } from "@/lib/db/sql";
import { buildSignedRequest, type SignedRequest } from "@/lib/delivery/send-signed";
import type { DestinationSettings, DestinationType } from "@/lib/delivery/destinations/config";
import type { PayloadV2 } from "@/lib/events/payload-v2";

/** A delivery with everything its attempt needs, read in one statement. */
export type AttemptContext = {
  id: string;
  eventId: string;
  endpointId: string;
  status: DeliveryStatus;
  attemptCount: number;
  /** Milliseconds until the next automatic attempt is due (negative: overdue; null once delivered or dead-lettered). */
  dueInMs: number | null;
  payload: unknown;
  url: string;
  format: PayloadFormat;
  schemaVersion: SchemaVersion;
  enabled: boolean;
  disabledReason: string | null;
  rateLimitPerSecond: number | null;
  retrySchedule: number[];
  timeoutMs: number;
  /** Still sealed (AES-GCM); newest first. */
  sealedSecrets: string[];
  /** Where it goes (lib/delivery/destinations/): http, or a broker with its settings and sealed credentials. */
  destinationType: DestinationType;
  destination: DestinationSettings | null;
  encryptedCredentials: string | null;
  /**
   * The lease as this claim set it ("lockedUntil", exactly): a fencing token. A renewal extends the
   * lease only while the row still carries it, so a worker whose lease ran out and was claimed by
   * another can never mistake that worker's lease for its own.
   */
  leaseToken: string;
};

/**
 * The context of every delivery row in `source` (a table or CTE name exposing id, "eventId",
 * "endpointId", "partnerId", status, "attemptCount", "nextAttemptAt" and "lockedUntil"): the engine's claim and
 * the single-row lease of the Inngest/manual path read exactly the same columns.
 */
export const attemptContextFrom = (source: string) => `
SELECT c.id, c."eventId", c."endpointId", c.status::text AS status, c."attemptCount", c."lockedUntil"::text AS "leaseToken",
       (extract(epoch FROM (c."nextAttemptAt" - (now() AT TIME ZONE 'UTC'))) * 1000)::float8 AS "dueInMs", e.payload,
       ep.url, ep.format::text AS format, ep."schemaVersion"::text AS "schemaVersion", ep.enabled, ep."disabledReason", ep."rateLimitPerSecond",
       ep."destinationType"::text AS "destinationType", ep.destination, ep."encryptedCredentials",
       p."retrySchedule", p."timeoutMs",
       ARRAY(SELECT s."encryptedSecret" FROM "EndpointSecret" s
              WHERE s."endpointId" = ep.id AND (s."expiresAt" IS NULL OR s."expiresAt" > now())
              ORDER BY s."createdAt" DESC) AS "sealedSecrets"
  FROM ${source} c
  JOIN "OrderEvent" e ON e.id = c."eventId"
  JOIN "Endpoint" ep ON ep.id = c."endpointId"
  JOIN "Partner" p ON p.id = c."partnerId"`;

// Leases one delivery and reads its context in one statement; no row: it is missing or another
// worker holds it. Times are UTC, as Prisma stores them.
const LEASE_SQL = `
WITH leased AS (
  UPDATE "Delivery" SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + ($2::int * interval '1 millisecond')
   WHERE id = $1 AND ("lockedUntil" IS NULL OR "lockedUntil" < now() AT TIME ZONE 'UTC')
  RETURNING id, "eventId", "endpointId", "partnerId", status, "attemptCount", "nextAttemptAt", "lockedUntil"
) ${attemptContextFrom("leased")}`;

/** Leases one delivery for `leaseMs` and returns its context; null when it is missing or leased by someone else. */
export async function leaseAttemptContext(deliveryId: string, leaseMs: number): Promise<AttemptContext | null> {
  const [row] = await sql().query<AttemptContext>(LEASE_SQL, [deliveryId, leaseMs], "waypoint_lease_attempt_context");
  return row ?? null;
}

/** Why a delivery could not be leased: gone, or held by another worker until then (ms from now). */
export async function leaseHolder(deliveryId: string): Promise<{ heldForMs: number } | null> {
  const [row] = await sql().query<{ held_for_ms: number | null }>(
    `SELECT (extract(epoch FROM ("lockedUntil" - (now() AT TIME ZONE 'UTC'))) * 1000)::float8 AS held_for_ms FROM "Delivery" WHERE id = $1`,
    [deliveryId],
  );
  return row ? { heldForMs: Math.max(0, row.held_for_ms ?? 0) } : null;
}

/** Gives a lease back without an attempt (nothing was sent). */
export async function releaseLease(deliveryId: string): Promise<void> {
  await sql().query(`UPDATE "Delivery" SET "lockedUntil" = NULL WHERE id = $1`, [deliveryId], "waypoint_release_lease");
}

/**
 * Extends the leases of deliveries whose attempts are still running, so a lease always outlives
 * its attempt however long the send, the rate-limit wait or the database queue takes; a crashed
 * worker stops renewing and its leases run out after one lease.
 *
 * Fenced: a lease is renewed only while the row still carries the token this worker last set
 * (`leaseToken`). A lease given back (the attempt was recorded) or claimed by another worker after
 * it ran out is `lost`, and its new token is never extended here. A lease that ran out but that
 * nobody claimed still carries the token, so renewing it is safe. A row locked at this moment (its
 * attempt being recorded) is skipped, neither renewed nor lost: renewing never waits for a lock, so
 * it cannot deadlock with the batched writes of attempts.
 */
export async function renewLeases(
  sql_: Sql,
  leases: readonly { id: string; token: string }[],
  leaseMs: number,
): Promise<{ renewed: Map<string, string>; lost: Set<string> }> {
  if (leases.length === 0) return { renewed: new Map(), lost: new Set() };
  const rows = await sql_.query<{ id: string; ours: boolean; token: string | null }>(
    `WITH mine AS (
       SELECT * FROM unnest($1::text[], $2::timestamp[]) AS x(id, token)
     ), held AS (
       SELECT d.id, d."lockedUntil" IS NOT DISTINCT FROM mine.token AS ours
         FROM "Delivery" d JOIN mine ON mine.id = d.id
        FOR UPDATE OF d SKIP LOCKED
     ), renewed AS (
       UPDATE "Delivery" d SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + ($3::int * interval '1 millisecond')
         FROM held WHERE d.id = held.id AND held.ours
       RETURNING d.id, d."lockedUntil"::text AS token
     )
     SELECT held.id, held.ours, renewed.token FROM held LEFT JOIN renewed ON renewed.id = held.id`,
    [leases.map((l) => l.id), leases.map((l) => l.token), leaseMs],
    "waypoint_renew_held_leases",
  );
  const renewed = new Map<string, string>();
  const lost = new Set<string>();
  for (const row of rows) {
    if (row.ours && row.token) renewed.set(row.id, row.token);
    else lost.add(row.id);
  }
  return { renewed, lost };
}

/** The rendered, signed request for this delivery's endpoint. */
export function signedRequestFor(ctx: AttemptContext): SignedRequest {
  return buildSignedRequest({
    url: ctx.url,
    payload: ctx.payload as PayloadV2, // renderBody validates it against the contract
    format: ctx.format,
    schemaVersion: ctx.schemaVersion,
    secrets: ctx.sealedSecrets.map(openCached),
  });
}

// Opening a sealed secret is an AES-GCM decrypt per attempt; endpoints have one or two live
// secrets, so a small map keeps the plaintext in this process only (as signing needs anyway).
const opened = new Map<string, string>();
function openCached(sealed: string): string {
  let plain = opened.get(sealed);
  if (plain === undefined) {
    if (opened.size >= 10_000) opened.clear();
    plain = openSecret(sealed);
    opened.set(sealed, plain);
  }
  return plain;
}
