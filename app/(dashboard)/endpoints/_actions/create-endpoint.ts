"use server";

import { revalidatePath } from "next/cache";
import { requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { writerFromScope } from "@/lib/endpoints/actor";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { endpointFieldsSchema } from "@/lib/endpoints/rules";

/** Registers an endpoint. Only its id goes back: the secret is shown by an explicit Reveal. */
export async function createEndpointAction(input: unknown) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const actor = writerFromScope(scope);
    const { endpoint } = await createEndpoint(scope.partnerId, endpointFieldsSchema.parse(input), actor);
    revalidatePath("/endpoints");
    return { id: endpoint.id };
  });
}
