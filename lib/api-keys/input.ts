// What a person types when creating an API key. Browser-safe: the dialog and the server
// action validate with the same schema.
import { z } from "zod";

export const API_KEY_KINDS = ["partner", "ingest"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

export const ApiKeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the key a name, e.g. where it is used.")
  .max(60, "Keep the name to 60 characters.");

export const CreateApiKeyInputSchema = z.object({
  name: ApiKeyNameSchema,
  // Ingest keys only: bound to the current partner, or usable for any partner (partner_id in the body).
  bindToPartner: z.boolean().default(true),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInputSchema>;

export const RevokeApiKeyInputSchema = z.object({ id: z.string().min(1) });

/** A key as the Settings page lists it: never the key or its hash. */
export type ApiKeySummary = {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  boundToPartner: boolean;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Answered once, right after creation; the dialog shows `key` and it is never retrievable again. */
export type IssuedApiKey = { id: string; name: string; prefix: string; key: string };
