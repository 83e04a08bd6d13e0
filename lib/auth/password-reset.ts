import "server-only";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { hitRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { issueUserToken, RESET_LINK_TTL_MS } from "@/lib/auth/user-tokens";

// "Forgot password?": the answer never says whether an account exists. The caller answers the
// same sentence at once and runs sendPasswordResetMail after the response (next/server's
// after()), so known and unknown emails also take the same time.

export const RESET_REQUESTED_MESSAGE = "If an account exists for that email, we've sent a link to reset the password. It expires in 1 hour.";

/** Counts this request; seconds to wait if the email or the client address is over its limit (0 = go ahead). */
export async function passwordResetRetryAfter(email: string, address: string | null): Promise<number> {
  const waits = [await hitRateLimit(`reset:email:${email}`, RATE_LIMITS.passwordResetPerEmail)];
  if (address) waits.push(await hitRateLimit(`reset:ip:${address}`, RATE_LIMITS.passwordResetPerAddress));
  return Math.max(0, ...waits);
}

/** Mails a 1-hour reset link to the account with this email, if there is one. Never throws. */
export async function sendPasswordResetMail(email: string): Promise<void> {
  try {
    const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, partnerId: true } });
    if (!user) return;
    const { url, expiresAt } = await issueUserToken(user.id, "reset_password", RESET_LINK_TTL_MS);
    await sendMail({ partnerId: user.partnerId, to: user.email, template: { kind: "password_reset", name: user.name, url, expiresAt } });
  } catch (error) {
    // Runs after the response: nobody is waiting for an answer, so log it for the operator.
    logger.error({ err: error }, "password reset mail failed");
  }
}
