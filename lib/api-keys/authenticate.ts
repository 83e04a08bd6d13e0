import "server-only";
import { db } from "@/lib/db/client";
import { hashApiKey } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";

export type ApiPrincipal = { apiKeyId: string; kind: "ingest" | "partner"; partnerId: string | null };

/** Reads `Authorization: Bearer <key>`; only the key's SHA-256 is ever compared or stored. */
export async function authenticateApiKey(request: Request, kind: ApiPrincipal["kind"]): Promise<ApiPrincipal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "Missing API key. Send it as `Authorization: Bearer <key>`.");
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(match[1]!) } });
  if (!key || key.revokedAt) throw new AppError("unauthorized", "API key is not valid or has been revoked.");
  if (key.kind !== kind) {
    throw new AppError("forbidden", kind === "ingest" ? "This is a partner key; order status changes need an ingest key." : "This is an ingest key; use a partner API key here.");
  }
  // Last-used is informative; at most one write a minute per key keeps the hot path cheap.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { apiKeyId: key.id, kind: key.kind, partnerId: key.partnerId };
}
