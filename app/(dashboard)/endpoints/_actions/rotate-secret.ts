"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { rotateSecretForEndpoint } from "@/lib/endpoints/rotate-secret";

/** New secret now, old one signs for 24 h more; the new one is shown to the admin who asked. */
export async function rotateSecretAction(endpointId: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const id = z.string().min(1).max(64).parse(endpointId);
    const result = await rotateSecretForEndpoint(scope.partnerId, id, actor);
    revalidatePath(`/endpoints/${id}`);
    return result;
  });
}
