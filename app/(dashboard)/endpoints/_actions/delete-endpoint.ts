"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";

export async function deleteEndpointAction(endpointId: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const result = await deleteEndpoint(scope.partnerId, z.string().min(1).max(64).parse(endpointId), actor);
    revalidatePath("/endpoints", "layout");
    return result;
  });
}
