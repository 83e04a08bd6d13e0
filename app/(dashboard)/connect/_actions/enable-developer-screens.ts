"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { enableDeveloperScreens } from "@/lib/partners/change-tier";

export async function enableDeveloperScreensAction() {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const result = await enableDeveloperScreens(scope.partnerId, scope.user);
    revalidatePath("/", "layout");
    return result;
  });
}
