"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import type { UpdateSourceInput } from "@/lib/intake/input";
import { updateOrderSource } from "@/lib/intake/sources";

/** Name, strict/lenient, the generic mapping, or paused/enabled. Admins only. */
export async function updateOrderSourceAction(input: { sourceId: string; patch: UpdateSourceInput }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const sourceId = z.string().min(1).max(80).parse(input?.sourceId);
    const source = await updateOrderSource(scope.partnerId, sourceId, input.patch, actor);
    revalidatePath("/settings/order-sources");
    return source;
  });
}
