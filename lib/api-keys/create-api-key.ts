import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/types";
import { generateApiKey } from "@/lib/crypto/secret-box";

/** Returns the key once; only its hash and prefix are stored. Pass `tx` to write inside a transaction. */
export async function createApiKey(
  input: { kind: "ingest" | "partner"; name: string; partnerId: string | null; createdById?: string | null },
  tx: Pick<Tx, "apiKey"> = db,
) {
  const generated = generateApiKey(input.kind);
  const row = await tx.apiKey.create({
    data: { kind: input.kind, name: input.name, partnerId: input.partnerId, createdById: input.createdById ?? null, prefix: generated.prefix, hash: generated.hash },
  });
  return { id: row.id, key: generated.key, prefix: row.prefix };
}
