"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { removePartnerLogo as remove } from "@/lib/partners/partner-logo";

export async function removePartnerLogo() {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const result = await remove(scope.user, scope.partnerId);
    revalidatePath("/tracking");
    return result;
  });
}
