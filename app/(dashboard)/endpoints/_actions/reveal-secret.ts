"use server";

import { z } from "zod";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { revealEndpointSecret } from "@/lib/endpoints/reveal-secret";

/** The one path a signing secret takes to the browser: an admin's explicit, audited Reveal. */
export async function revealSecretAction(endpointId: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    return revealEndpointSecret(scope.partnerId, z.string().min(1).max(64).parse(endpointId), actor);
  });
}
