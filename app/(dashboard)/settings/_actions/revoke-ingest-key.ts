"use server";

import { revalidatePath } from "next/cache";
import { requirePartnerScope, requireSupport } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { RevokeApiKeyInputSchema } from "@/lib/api-keys/input";

export async function revokeIngestKey(input: { id: string }) {
  return runAction(async () => {
    await requireSupport();
    const scope = await requirePartnerScope();
    const { id } = RevokeApiKeyInputSchema.parse(input);
    const result = await revokeApiKey({ actor: scope.user, partnerId: scope.partnerId, kind: "ingest", id });
    revalidatePath("/settings");
    return result;
  });
}
