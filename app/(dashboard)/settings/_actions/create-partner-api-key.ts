"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { CreateApiKeyInputSchema, type CreateApiKeyInput } from "@/lib/api-keys/input";

/** A partner API key for the partner's own automation. The answer carries the key, once. */
export async function createPartnerApiKey(input: CreateApiKeyInput) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const { name } = CreateApiKeyInputSchema.parse(input);
    const issued = await issueApiKey({ actor: scope.user, kind: "partner", name, partnerId: scope.partnerId });
    revalidatePath("/settings");
    return issued;
  });
}
