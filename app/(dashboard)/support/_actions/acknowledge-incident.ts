"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { acknowledgeIncident } from "@/lib/alerts/incidents";
import { requireSupport } from "@/lib/auth/session";

const input = z.object({ id: z.string().min(1) });

/** Support takes an incident of any partner from the console (the partner's audit log shows it). */
export async function acknowledgeIncidentAsSupport(raw: z.input<typeof input>) {
  return runAction(async () => {
    const user = await requireSupport();
    const { id } = input.parse(raw);
    const result = await acknowledgeIncident(null, id, user);
    revalidatePath("/", "layout");
    return result;
  });
}
