"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { endpointPatchSchema } from "@/lib/endpoints/rules";

/** Saves the edit form (or enables/disables: the patch may carry `enabled` and a reason). */
export async function updateEndpointAction(endpointId: unknown, input: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const id = z.string().min(1).max(64).parse(endpointId);
    const endpoint = await updateEndpoint(scope.partnerId, id, endpointPatchSchema.parse(input), actor);
    revalidatePath("/endpoints", "layout");
    return { id: endpoint.id, enabled: endpoint.enabled };
  });
}
