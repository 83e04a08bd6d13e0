"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { reenableEndpoint } from "@/lib/endpoints/reenable-endpoint";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { endpointPatchSchema } from "@/lib/endpoints/rules";

const withRetryChoice = z.object({ retryDeadLettered: z.boolean().optional() }).passthrough();

/**
 * Saves the edit form, or enables/disables: the patch may carry `enabled` and a reason. Enabling
 * may also retry everything dead-lettered since the endpoint was disabled.
 */
export async function updateEndpointAction(endpointId: unknown, input: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const id = z.string().min(1).max(64).parse(endpointId);
    const { retryDeadLettered, ...rest } = withRetryChoice.parse(input);
    const patch = endpointPatchSchema.parse(rest);
    if (patch.enabled === true && retryDeadLettered) {
      const { queued } = await reenableEndpoint(scope.partnerId, id, { retryDeadLettered: true }, actor);
      revalidatePath("/", "layout");
      return { id, enabled: true, queued };
    }
    const endpoint = await updateEndpoint(scope.partnerId, id, patch, actor);
    revalidatePath("/", "layout");
    return { id: endpoint.id, enabled: endpoint.enabled, queued: 0 };
  });
}
