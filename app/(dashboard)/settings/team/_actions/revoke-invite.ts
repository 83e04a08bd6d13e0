"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { revokeInvite } from "@/lib/team/invites";

export async function revokeInviteAction(input: { id: string }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const { id } = z.object({ id: z.string().min(1) }).parse(input);
    const result = await revokeInvite(scope.partnerId, id, { id: scope.user.id, email: scope.user.email });
    revalidatePath("/settings/team");
    return result;
  });
}
