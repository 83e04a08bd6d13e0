// lib/auth owns who is signed in and what they may see: sessions, scopes, passwords, one-time links.
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/config";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/types";

export const PARTNER_COOKIE = "wp_partner";

export type Scope = { user: SessionUser; partnerId: string; isSupport: boolean };

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  return session?.user?.id ? session.user : null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}

export async function requireSupport(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "support") throw new AppError("forbidden", "Only support staff can do this.");
  return user;
}

/**
 * The one place that decides which partner's data a request may touch. Partner users are
 * pinned to their own partner; support staff act on the partner chosen in the switcher.
 */
export const requirePartnerScope = cache(async (): Promise<Scope> => {
  const user = await requireUser();
  if (user.role !== "support") {
    if (!user.partnerId) throw new AppError("forbidden", "Your account is not linked to a partner.");
    return { user, partnerId: user.partnerId, isSupport: false };
  }
  const chosen = (await cookies()).get(PARTNER_COOKIE)?.value;
  const partner = chosen
    ? await db.partner.findUnique({ where: { id: chosen }, select: { id: true } })
    : await db.partner.findFirst({ orderBy: { name: "asc" }, select: { id: true } });
  if (!partner) throw new AppError("not_found", "No partner selected. Pick one in the partner switcher.");
  return { user, partnerId: partner.id, isSupport: true };
});

export const canAdminister = (scope: Scope) => scope.isSupport || scope.user.role === "partner_admin";

export function requireAdmin(scope: Scope) {
  if (!canAdminister(scope)) throw new AppError("forbidden", "Only a partner admin can change this. Ask your admin.");
}

/**
 * For pages: a signed-out visitor is sent to sign in rather than shown an error, and support
 * staff on a fresh deployment (no partner yet) to the page where they create the first one.
 */
export async function requirePageScope(): Promise<Scope> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  if (user.role === "support" && !(await db.partner.findFirst({ select: { id: true } }))) redirect("/support/partners");
  return requirePartnerScope();
}
