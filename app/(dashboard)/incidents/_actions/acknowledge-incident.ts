"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { acknowledgeIncident } from "@/lib/alerts/incidents";
import { requirePartnerScope } from "@/lib/auth/session";

const input = z.object({ id: z.string().min(1) });

/** A partner user (admin or member) or support acting as the partner takes an incident. */
export async function acknowledgeIncidentAction(raw: z.input<typeof input>) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    const { id } = input.parse(raw);
    const result = await acknowledgeIncident(scope.partnerId, id, scope.user);
    revalidatePath("/", "layout");
    return result;
  });
}
