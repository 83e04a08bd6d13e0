"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { rotateOrderSourceSecret } from "@/lib/intake/sources";

/** A new verification secret, shown once; the previous one verifies for 24 h more. */
export async function rotateOrderSourceSecretAction(input: { sourceId: string; secret?: string }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const sourceId = z.string().min(1).max(80).parse(input?.sourceId);
    const result = await rotateOrderSourceSecret(scope.partnerId, sourceId, input.secret ? { secret: input.secret } : {}, actor);
    revalidatePath("/settings/order-sources");
    return result;
  });
}
