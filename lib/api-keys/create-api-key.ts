import "server-only";
import { db } from "@/lib/db/client";
import { generateApiKey } from "@/lib/crypto/secret-box";

/** Returns the key once; only its hash and prefix are stored. */
export async function createApiKey(input: { kind: "ingest" | "partner"; name: string; partnerId: string | null; createdById?: string | null }) {
  const generated = generateApiKey(input.kind);
  const row = await db.apiKey.create({
    data: { kind: input.kind, name: input.name, partnerId: input.partnerId, createdById: input.createdById ?? null, prefix: generated.prefix, hash: generated.hash },
  });
  return { id: row.id, key: generated.key, prefix: row.prefix };
}
