"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { actorFromScope } from "@/lib/endpoints/actor";
import { replayIntake } from "@/lib/intake/intake-log";

/** One rejected or failed intake, run again with the source's current mapping and settings. */
export async function replayIntakeAction(intakeId: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const result = await replayIntake(scope.partnerId, z.string().min(1).max(80).parse(intakeId), actorFromScope(scope));
    revalidatePath("/intake");
    return result;
  });
}
