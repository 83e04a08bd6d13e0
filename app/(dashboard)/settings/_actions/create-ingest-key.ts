"use server";

import { revalidatePath } from "next/cache";
import { requirePartnerScope, requireSupport } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { CreateApiKeyInputSchema, type CreateApiKeyInput } from "@/lib/api-keys/input";

/** An ingest key for an OMS, dispatch system or rider app. Support staff only. */
export async function createIngestKey(input: CreateApiKeyInput) {
  return runAction(async () => {
    await requireSupport();
    const scope = await requirePartnerScope();
    const { name, bindToPartner } = CreateApiKeyInputSchema.parse(input);
    const issued = await issueApiKey({ actor: scope.user, kind: "ingest", name, partnerId: bindToPartner ? scope.partnerId : null });
    revalidatePath("/settings");
    return issued;
  });
}
