"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { deleteOrderSource } from "@/lib/intake/sources";

/** Its intake URL stops answering; the orders it brought in stay. */
export async function deleteOrderSourceAction(sourceId: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const result = await deleteOrderSource(scope.partnerId, z.string().min(1).max(80).parse(sourceId), actor);
    revalidatePath("/settings/order-sources");
    return result;
  });
}
