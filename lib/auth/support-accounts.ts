import "server-only";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/types";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { issueUserToken, SET_PASSWORD_LINK_TTL_MS } from "@/lib/auth/user-tokens";

// Support staff accounts are created by an operator on the server (npm run admin:create-support),
// never through the web: the first one can't be invited by anyone. No password is ever typed on
// a command line (it would stay in shell history); the person chooses one through a link.

type Link = { url: string; expiresAt: Date };
export type CreateSupportResult =
  | { status: "created"; userId: string; link: Link }
  | { status: "exists"; role: string; hasPassword: boolean };
export type ResendResult = { status: "resent"; link: Link } | { status: "missing" } | { status: "not_support" } | { status: "has_password" };

export async function createSupportUser(input: { email: string; name: string }, actor: AuditEntry["actor"]): Promise<CreateSupportResult> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { role: true, passwordHash: true } });
  if (existing) return { status: "exists", role: existing.role, hasPassword: existing.passwordHash !== null };
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: "support", partnerId: null, passwordHash: null } });
      await recordAudit({ actor, partnerId: null, action: "user.support_created", targetType: "user", targetId: user.id, metadata: { email: user.email } }, tx);
      const link = await issueUserToken(user.id, "set_password", SET_PASSWORD_LINK_TTL_MS, tx);
      return { status: "created" as const, userId: user.id, link };
    });
  } catch (error) {
    // Someone created the same email between the look-up and the insert.
    if (isUniqueViolation(error)) return createSupportUser(input, actor);
    throw error;
  }
}

/** A fresh set-password link for a support user who never chose a password (the first one was lost or expired). */
export async function resendSetPasswordLink(email: string, actor: AuditEntry["actor"]): Promise<ResendResult> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, role: true, passwordHash: true } });
  if (!user) return { status: "missing" };
  if (user.role !== "support") return { status: "not_support" };
  if (user.passwordHash) return { status: "has_password" };
  // Only the newest printed link works: an older one may sit in a chat or a terminal log.
  await db.userToken.updateMany({ where: { userId: user.id, purpose: "set_password", usedAt: null, expiresAt: { gt: new Date() } }, data: { expiresAt: new Date() } });
  const link = await issueUserToken(user.id, "set_password", SET_PASSWORD_LINK_TTL_MS);
  await recordAudit({ actor, partnerId: null, action: "user.set_password_link_issued", targetType: "user", targetId: user.id });
  return { status: "resent", link };
}
