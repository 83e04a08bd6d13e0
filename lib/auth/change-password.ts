import "server-only";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-strength";
import { recordFailedSignIn, signInRetryAfter } from "@/lib/auth/sign-in-limit";
import { passwordUserInputs, storeNewPassword } from "@/lib/auth/user-tokens";

export type ChangePasswordResult = { ok: true } | { ok: false; field: "current" | "password" | null; message: string };

/**
 * A signed-in user changes their own password. The current password is checked like a sign-in
 * (a wrong one counts toward the same limit), so a borrowed unlocked laptop can't be used to
 * take the account over. Other sessions end; the caller refreshes its own (unstable_update).
 */
export async function changePassword(userId: string, input: { current: string; password: string }, address: string | null): Promise<ChangePasswordResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, email: true, name: true, partnerId: true, passwordHash: true } });
  const retryAfter = await signInRetryAfter(user.email, address);
  if (retryAfter > 0) return { ok: false, field: null, message: `Too many wrong passwords. Try again in ${Math.ceil(retryAfter / 60)} min.` };
  if (!user.passwordHash || !(await verifyPassword(input.current, user.passwordHash))) {
    await recordFailedSignIn(user.email, address);
    return { ok: false, field: "current", message: "Your current password is incorrect." };
  }
  if (input.password === input.current) return { ok: false, field: "password", message: "Choose a password different from your current one." };
  const strength = checkPasswordStrength(input.password, passwordUserInputs(user));
  if (!strength.ok) return { ok: false, field: "password", message: strength.message };
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await storeNewPassword(tx, user.id, passwordHash);
    await recordAudit({ actor: { id: user.id, email: user.email }, partnerId: user.partnerId, action: "user.password_changed", targetType: "user", targetId: user.id }, tx);
  });
  return { ok: true };
}
