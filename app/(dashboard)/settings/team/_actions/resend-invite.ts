"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { resendInvite } from "@/lib/team/invites";

export async function resendInviteAction(input: { id: string }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const { id } = z.object({ id: z.string().min(1) }).parse(input);
    const result = await resendInvite(scope.partnerId, id, { id: scope.user.id, email: scope.user.email, name: scope.user.name });
    revalidatePath("/settings/team");
    return { id: result.id };
  });
}
