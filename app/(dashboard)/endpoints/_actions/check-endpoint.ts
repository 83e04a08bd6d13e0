"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { actorFromScope } from "@/lib/endpoints/actor";
import { runEndpointCheck } from "@/lib/endpoints/check-endpoint";

const inputSchema = z.strictObject({ endpointId: z.string().min(1).max(64) });

/** Runs the endpoint check (signed event, replay, wrong signature) and records the result. */
export async function checkEndpointAction(input: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    // Like Send Test Event, open to every partner user: the developer wiring the receiver is often a member.
    const actor = actorFromScope(scope);
    const { endpointId } = inputSchema.parse(input);
    const check = await runEndpointCheck(scope.partnerId, endpointId, actor);
    // The three requests join the test history on the page.
    revalidatePath(`/endpoints/${endpointId}`);
    return check;
  });
}
