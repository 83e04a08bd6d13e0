// lib/api-keys owns API keys (ingest and partner): issue, list, revoke, authenticate by hash, and Idempotency-Key answers.
import "server-only";
import { sql } from "@/lib/db/sql";
import { hashApiKey } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";

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
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "Missing API key. Send it as `Authorization: Bearer <key>`.");
  const [key] = await sql().query<KeyRow>(FIND_SQL, [hashApiKey(match[1]!)], "waypoint_find_api_key");
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
