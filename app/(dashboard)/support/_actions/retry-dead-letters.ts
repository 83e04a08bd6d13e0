"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireSupport } from "@/lib/auth/session";
import { retryDeadLettersAcrossPartners } from "@/lib/support/dead-letters";

const input = z.union([z.literal("all"), z.array(z.string().min(1)).min(1).max(500)]);

export async function retryDeadLettersAction(ids: string[] | "all") {
  return runAction(async () => {
    const user = await requireSupport();
    const result = await retryDeadLettersAcrossPartners(input.parse(ids), user);
    revalidatePath("/support");
    return result;
  });
}
