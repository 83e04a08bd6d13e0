import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

/** An answer as sent: its status and the exact text of its JSON body. */
export type StoredResponse = { status: number; text: string };

/** The row a write stores with its answer, under the request's Idempotency-Key. */
export type IdempotencyRecord = { id: string; apiKeyId: string; key: string; requestHash: string };

type Operation<T> = (record: IdempotencyRecord | null) => Promise<{ status: number; text: string; extra: T }>;

const FIND_SQL = `SELECT "requestHash", "responseStatus", "responseBody", "responseText" FROM "IdempotencyKey" WHERE "apiKeyId" = $1 AND key = $2`;

const KEY_PATTERN = /^[\w.:-]{1,255}$/;

/**
 * Runs a write once per Idempotency-Key. The operation stores `record` with its answer in the
 * same statement as its own write (lib/orders/record-event.ts), and the key is unique: a repeat's
 * write can never commit. So the key is not looked up first (one query less on every new
 * request); when the write fails and the key turns out to be stored, the stored answer is the
 * answer. The same holds for identical requests sent at once: the second's write fails on the
 * key as soon as the first commits.
 */
export async function runIdempotent<T>(
  input: { apiKeyId: string; key: string | null; fingerprint: string },
  operation: Operation<T>,
): Promise<{ response: StoredResponse; replayed: boolean; extra: T | null }> {
  if (input.key !== null && !KEY_PATTERN.test(input.key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1-255 characters: letters, digits, _ . : -");
  }
  const requestHash = createHash("sha256").update(input.fingerprint).digest("hex");
  const record = input.key ? { id: `idem_${randomUUID().replace(/-/g, "")}`, apiKeyId: input.apiKeyId, key: input.key, requestHash } : null;
  try {
    const result = await operation(record);
    return { response: { status: result.status, text: result.text }, replayed: false, extra: result.extra };
  } catch (error) {
    // A repeat, or a twin that committed first: our write failed on the key (or on a row the
    // first one created, such as the order reference, or its status transition): replay.
    if (record) {
      const stored = await findStored(record.apiKeyId, record.key, requestHash);
      if (stored) return { response: stored, replayed: true, extra: null };
    }
    throw error;
  }
}

async function findStored(apiKeyId: string, key: string, requestHash: string): Promise<StoredResponse | null> {
  const [row] = await sql().query<{ requestHash: string; responseStatus: number; responseBody: unknown; responseText: string | null }>(FIND_SQL, [apiKeyId, key], "waypoint_find_idempotency");
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
  }
  // The stored bytes; rows from before responseText existed can only be re-encoded.
  return { status: row.responseStatus, text: row.responseText ?? JSON.stringify(row.responseBody) };
}
