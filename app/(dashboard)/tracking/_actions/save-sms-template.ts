"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { MAX_TEMPLATE_LENGTH } from "@/lib/sms/defaults";
import { saveSmsTemplate as save } from "@/lib/sms/save-sms-template";

const Input = z.strictObject({
  eventType: z.enum(EVENT_TYPES),
  body: z.string().max(MAX_TEMPLATE_LENGTH),
  enabled: z.boolean(),
});

export async function saveSmsTemplate(input: z.input<typeof Input>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const saved = await save(scope.user, scope.partnerId, Input.parse(input));
    revalidatePath("/tracking");
    return saved;
  });
}
