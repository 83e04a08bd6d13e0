"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { RevokeApiKeyInputSchema } from "@/lib/api-keys/input";

export async function revokePartnerApiKey(input: { id: string }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const { id } = RevokeApiKeyInputSchema.parse(input);
    const result = await revokeApiKey({ actor: scope.user, partnerId: scope.partnerId, kind: "partner", id });
    revalidatePath("/settings");
    return result;
  });
}
