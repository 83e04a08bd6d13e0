"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { retrySms as retry } from "@/lib/sms/retry-sms";

const Input = z.strictObject({ messageId: z.string().min(1).max(64) });

export async function retrySms(input: z.input<typeof Input>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const result = await retry(scope.user, scope.partnerId, Input.parse(input).messageId);
    revalidatePath("/tracking");
    return result;
  });
}
