"use server";

import { revalidatePath } from "next/cache";
import { requireSupport } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { createPartner, type CreatePartnerInput } from "@/lib/partners/create-partner";

export async function createPartnerAction(input: CreatePartnerInput) {
  return runAction(async () => {
    const user = await requireSupport();
    const partner = await createPartner(input, { id: user.id, email: user.email, name: user.name });
    revalidatePath("/support/partners");
    return partner;
  });
}
