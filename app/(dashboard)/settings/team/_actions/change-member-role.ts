"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin, requirePartnerScope } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/result";
import { changeMemberRole } from "@/lib/team/members";
import { TEAM_ROLES } from "@/lib/team/rules";

export async function changeMemberRoleAction(input: { id: string; role: string }) {
  return runAction(async () => {
    const scope = await requirePartnerScope();
    requireAdmin(scope);
    const { id, role } = z.object({ id: z.string().min(1), role: z.enum(TEAM_ROLES, "Choose a role: admin or member") }).parse(input);
    const result = await changeMemberRole(scope.partnerId, id, role, { id: scope.user.id, email: scope.user.email });
    revalidatePath("/settings/team");
    return result;
  });
}
