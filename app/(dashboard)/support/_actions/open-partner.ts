"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { PARTNER_COOKIE, requireSupport } from "@/lib/auth/session";
import { getPartner } from "@/lib/partners/queries";

/** Switches the console to a partner and opens one of its pages (an order, the event log). */
export async function openPartnerPage(partnerId: string, path: string) {
  await requireSupport();
  const target = z.string().regex(/^\/[\w/-]*$/).parse(path);
  const partner = await getPartner(z.string().min(1).parse(partnerId));
  if (!partner) return;
  (await cookies()).set(PARTNER_COOKIE, partner.id, { httpOnly: true, sameSite: "lax", path: "/" });
  redirect(target);
}
