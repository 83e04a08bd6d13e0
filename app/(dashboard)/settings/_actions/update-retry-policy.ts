"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { updateRetryPolicy as saveRetryPolicy } from "@/lib/partners/update-retry-policy";
import { RetryPolicyInputSchema, type RetryPolicyInput } from "@/lib/partners/retry-policy";

export async function updateRetryPolicy(input: RetryPolicyInput) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const policy = RetryPolicyInputSchema.parse(input);
    const saved = await saveRetryPolicy({ actor: scope.user, partnerId: scope.partnerId, policy });
    revalidatePath("/settings");
    return saved;
  });
}
