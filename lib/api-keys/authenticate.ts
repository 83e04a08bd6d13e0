// lib/api-keys owns API keys (ingest and partner): issue, list, revoke, authenticate by hash, and Idempotency-Key answers.
import "server-only";
import { counterSql, sql } from "@/lib/db/sql";
import { hashApiKey } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { hitSql, ingestRuleFor, RATE_LIMITS, rateLimited, waitAfterHit } from "@/lib/security/rate-limit";

export type ApiPrincipal = {
  apiKeyId: string;
  kind: "ingest" | "partner";
  partnerId: string | null;
  /** This key's own ingest rate limit (requests a minute), or null for the default. */
  ingestRateLimitPerMinute: number | null;
};

type KeyRow = { id: string; kind: ApiPrincipal["kind"]; partnerId: string | null; revokedAt: Date | null; lastUsedAt: Date | null; ingestRateLimitPerMinute: number | null };
// Runs on every machine API request: plain SQL on the shared pool (lib/db/sql.ts).
const FIND_SQL = `SELECT id, kind::text AS kind, "partnerId", "revokedAt", "lastUsedAt", "ingestRateLimitPerMinute" FROM "ApiKey" WHERE hash = $1`;

/** Reads `Authorization: Bearer <key>`; only the key's SHA-256 is ever compared or stored. */
export async function authenticateApiKey(request: Request, kind: ApiPrincipal["kind"]): Promise<ApiPrincipal> {
  const [key] = await sql().query<KeyRow>(FIND_SQL, [bearerHash(request)], "waypoint_find_api_key");
  return principalOf(key, kind);
}

// The ingest API's key check and its rate-limit hit in one round trip (on the counter pool, like
// every rate-limit hit): the key is read, and only a valid, unrevoked ingest key counts a hit in
// its bucket. $2: the window in seconds (the same for the default and a key's own limit). A caller
// may join one more read on the key's partner (`also`, using k."partnerId"), so a request that
// needs it makes no round trip of its own for it.
const ingestSql = (also: string | null) => `
WITH k AS (
  SELECT id, kind::text AS kind, "partnerId", "revokedAt", "lastUsedAt", "ingestRateLimitPerMinute" FROM "ApiKey" WHERE hash = $1
), hit AS (${hitSql(`SELECT 'ingest:' || k.id, now(), 1 FROM k WHERE k."revokedAt" IS NULL AND k.kind = 'ingest'`)})
SELECT k.*, hit."count", hit.retry_after${also ? ", to_json(also) AS also" : ""} FROM k LEFT JOIN hit ON true${also ? ` LEFT JOIN LATERAL (${also}) also ON true` : ""}`;

/** A read joined to the key check: its SQL (k."partnerId" is the key's partner) and its statement name. */
export type AlsoRead = { sql: string; name: string };

/**
 * The ingest API's entry: authenticates an ingest key and counts the request against the key's
 * rate limit (its own ApiKey.ingestRateLimitPerMinute or the default) in one statement; 401, 403
 * or 429 (with Retry-After) before anything else happens. `also`'s row (null without one, or when
 * the key has no partner) comes back with the principal.
 */
export async function authenticateIngestKey<T = never>(request: Request, what: string, also?: AlsoRead): Promise<ApiPrincipal & { also: T | null }> {
  const [row] = await counterSql().query<KeyRow & { count: number | null; retry_after: number | null; also?: T | null }>(
    ingestSql(also?.sql ?? null),
    [bearerHash(request), RATE_LIMITS.ingestPerKey.windowSeconds],
    also ? `waypoint_ingest_key_hit_${also.name}` : "waypoint_ingest_key_hit",
  );
  const principal = await principalOf(row, "ingest");
  const retryAfter = row!.count === null ? 0 : waitAfterHit({ count: row!.count, retry_after: row!.retry_after ?? 0 }, ingestRuleFor(principal.ingestRateLimitPerMinute));
  if (retryAfter > 0) throw rateLimited(retryAfter, what);
  return { ...principal, also: row!.also ?? null };
}

function bearerHash(request: Request): string {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "Missing API key. Send it as `Authorization: Bearer <key>`.");
  return hashApiKey(match[1]!);
}

async function principalOf(key: KeyRow | undefined, kind: ApiPrincipal["kind"]): Promise<ApiPrincipal> {
  if (!key || key.revokedAt) throw new AppError("unauthorized", "API key is not valid or has been revoked.");
  if (key.kind !== kind) {
    throw new AppError("forbidden", kind === "ingest" ? "This is a partner key; order status changes need an ingest key." : "This is an ingest key; use a partner API key here.");
  }
  // Last-used is informative; at most one write a minute per key keeps the hot path cheap.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await sql().query(`UPDATE "ApiKey" SET "lastUsedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1`, [key.id]);
  }
  return { apiKeyId: key.id, kind: key.kind, partnerId: key.partnerId, ingestRateLimitPerMinute: key.ingestRateLimitPerMinute };
}
