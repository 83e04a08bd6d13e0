"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { updateLayer1Settings } from "@/lib/tracking/update-settings";

const Input = z
  .strictObject({ trackingEnabled: z.boolean().optional(), smsEnabled: z.boolean().optional() })
  .refine((v) => v.trackingEnabled !== undefined || v.smsEnabled !== undefined, { error: "nothing to change" });

export async function updateTrackingSettings(input: z.input<typeof Input>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const result = await updateLayer1Settings(scope.user, scope.partnerId, Input.parse(input));
    revalidatePath("/tracking");
    return result;
  });
}
