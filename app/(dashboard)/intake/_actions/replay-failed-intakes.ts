"use server";

import { revalidatePath } from "next/cache";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { actorFromScope } from "@/lib/endpoints/actor";
import { parseIntakeFilter, replayFailedIntakes } from "@/lib/intake/intake-log";

/** Every open, replayable failure matching the filter (a failure group's source and reason, or the page's filter). */
export async function replayFailedIntakesAction(filter: Record<string, unknown>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const result = await replayFailedIntakes(scope.partnerId, parseIntakeFilter(filter ?? {}), actorFromScope(scope));
    revalidatePath("/intake");
    return result;
  });
}
