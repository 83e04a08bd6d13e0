"use server";

import { revalidatePath } from "next/cache";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import type { CreateSourceInput } from "@/lib/intake/input";
import { createOrderSource } from "@/lib/intake/sources";

/** A new order source; its secret comes back this once, for the dialog to show. */
export async function createOrderSourceAction(input: CreateSourceInput) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const created = await createOrderSource(scope.partnerId, input, actor);
    revalidatePath("/settings/order-sources");
    return created;
  });
}
