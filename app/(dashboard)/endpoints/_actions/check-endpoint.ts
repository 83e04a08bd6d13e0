"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { runEndpointCheck } from "@/lib/endpoints/check-endpoint";

const inputSchema = z.strictObject({ endpointId: z.string().min(1).max(64) });

/** Runs the endpoint check; admins only, as it records the partner's onboarding progress. */
export async function checkEndpointAction(input: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const { endpointId } = inputSchema.parse(input);
    const check = await runEndpointCheck(scope.partnerId, endpointId, actor);
    // The three requests join the test history on the page.
    revalidatePath(`/endpoints/${endpointId}`);
    return check;
  });
}
