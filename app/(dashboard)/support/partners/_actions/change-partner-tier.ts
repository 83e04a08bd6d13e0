"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions/result";
import { requireSupport } from "@/lib/auth/session";
import { changePartnerTier } from "@/lib/partners/change-tier";
import { PARTNER_TIERS } from "@/lib/partners/tiers";

const input = z.object({ partnerId: z.string().min(1), tier: z.enum(PARTNER_TIERS, "Choose a tier: SMB, growth or enterprise") });

export async function changePartnerTierAction(raw: z.input<typeof input>) {
  return runAction(async () => {
    const user = await requireSupport();
    const { partnerId, tier } = input.parse(raw);
    const result = await changePartnerTier(partnerId, tier, user);
    revalidatePath("/", "layout");
    return result;
  });
}
