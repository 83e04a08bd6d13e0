import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { isPgUniqueViolation, sql, sqlTransaction, type Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export type StoredResponse = { status: number; body: unknown };
type Operation<T> = (sql: Sql) => Promise<{ status: number; body: unknown; extra: T }>;

const INSERT_SQL = `INSERT INTO "IdempotencyKey" (id, "apiKeyId", key, "requestHash", "responseStatus", "responseBody") VALUES ($1, $2, $3, $4, $5, $6::jsonb)`;
const FIND_SQL = `SELECT "requestHash", "responseStatus", "responseBody" FROM "IdempotencyKey" WHERE "apiKeyId" = $1 AND key = $2`;

const KEY_PATTERN = /^[\w.:-]{1,255}$/;

/**
 * Runs a write once per Idempotency-Key. The key is stored in the same transaction as the
 * write, so a repeat sees either nothing (and runs) or the committed answer (and replays it).
 */
export async function runIdempotent<T>(
  input: { apiKeyId: string; key: string | null; fingerprint: string },
  operation: Operation<T>,
): Promise<{ response: StoredResponse; replayed: boolean; extra: T | null }> {
  if (input.key !== null && !KEY_PATTERN.test(input.key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1-255 characters: letters, digits, _ . : -");
  }
  const requestHash = createHash("sha256").update(input.fingerprint).digest("hex");
  const previous = input.key ? await findStored(input.apiKeyId, input.key, requestHash) : null;
  if (previous) return { response: previous, replayed: true, extra: null };
  try {
    return await sqlTransaction(async (tx) => {
      const result = await operation(tx);
      if (input.key) await tx.query(INSERT_SQL, [`idem_${randomUUID().replace(/-/g, "")}`, input.apiKeyId, input.key, requestHash, result.status, JSON.stringify(result.body)], "waypoint_insert_idempotency");
      return { response: { status: result.status, body: result.body }, replayed: false, extra: result.extra };
    });
  } catch (error) {
    // A concurrent twin committed first: answer with what it answered.
    if (input.key && isPgUniqueViolation(error)) {
      const stored = await findStored(input.apiKeyId, input.key, requestHash);
      if (stored) return { response: stored, replayed: true, extra: null };
    }
    throw error;
  }
}

async function findStored(apiKeyId: string, key: string, requestHash: string): Promise<StoredResponse | null> {
  const [row] = await sql().query<{ requestHash: string; responseStatus: number; responseBody: unknown }>(FIND_SQL, [apiKeyId, key], "waypoint_find_idempotency");
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
  }
  return { status: row.responseStatus, body: row.responseBody };
}
