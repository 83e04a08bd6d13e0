"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { createInvite } from "@/lib/team/invites";
import { inviteInputSchema, type InviteInput } from "@/lib/team/rules";

export async function inviteMember(input: InviteInput) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const data = inviteInputSchema.parse(input);
    const invite = await createInvite(scope.partnerId, data, { id: scope.user.id, email: scope.user.email, name: scope.user.name });
    revalidatePath("/settings/team");
    return { id: invite.id, email: invite.email };
  });
}
