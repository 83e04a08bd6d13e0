"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireSupport } from "@/lib/auth/session";
import { reenableEndpoint } from "@/lib/endpoints/reenable-endpoint";

const input = z.object({ partnerId: z.string().min(1), endpointId: z.string().min(1), retryDeadLettered: z.boolean() });

export async function reenableEndpointAction(raw: z.input<typeof input>) {
  return runAction(async () => {
    const user = await requireSupport();
    const { partnerId, endpointId, retryDeadLettered } = input.parse(raw);
    const result = await reenableEndpoint(partnerId, endpointId, { retryDeadLettered }, user);
    revalidatePath("/", "layout");
    return result;
  });
}
