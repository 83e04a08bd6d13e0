"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { updateAlertSettings, type AlertSettingsInput } from "@/lib/alerts/settings";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";

export async function updateAlertSettingsAction(input: AlertSettingsInput) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const saved = await updateAlertSettings(scope.partnerId, input, scope.user);
    revalidatePath("/settings/alerts");
    return saved;
  });
}
