"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOut } from "@/lib/auth/config";
import { PARTNER_COOKIE, requireSupport } from "@/lib/auth/session";
import { getPartner } from "@/lib/partners/queries";

export async function switchPartner(partnerId: string) {
  await requireSupport();
  const id = z.string().min(1).parse(partnerId);
  const partner = await getPartner(id);
  if (!partner) return;
  (await cookies()).set(PARTNER_COOKIE, partner.id, { httpOnly: true, sameSite: "lax", path: "/" });
  revalidatePath("/", "layout");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
