"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { updateCustomerTimeZone } from "@/lib/tracking/update-settings";

const Input = z.strictObject({ timeZone: z.string().trim().min(1).max(64) });

export async function updateCustomerTimeZoneAction(input: z.input<typeof Input>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const result = await updateCustomerTimeZone(scope.user, scope.partnerId, Input.parse(input).timeZone);
    revalidatePath("/tracking");
    return result;
  });
}
