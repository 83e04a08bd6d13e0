import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { isUniqueViolation } from "@/lib/db/types";
import { AppError } from "@/lib/errors";

export type StoredResponse = { status: number; body: unknown };
type Operation<T> = (tx: Tx) => Promise<{ status: number; body: unknown; extra: T }>;

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
    return await db.$transaction(async (tx) => {
      const result = await operation(tx);
      if (input.key) {
        await tx.idempotencyKey.create({
          data: { apiKeyId: input.apiKeyId, key: input.key, requestHash, responseStatus: result.status, responseBody: result.body as object },
        });
      }
      return { response: { status: result.status, body: result.body }, replayed: false, extra: result.extra };
    });
  } catch (error) {
    // A concurrent twin committed first: answer with what it answered.
    if (input.key && isUniqueViolation(error)) {
      const stored = await findStored(input.apiKeyId, input.key, requestHash);
      if (stored) return { response: stored, replayed: true, extra: null };
    }
    throw error;
  }
}

async function findStored(apiKeyId: string, key: string, requestHash: string): Promise<StoredResponse | null> {
  const row = await db.idempotencyKey.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
  }
  return { status: row.responseStatus, body: row.responseBody };
}
