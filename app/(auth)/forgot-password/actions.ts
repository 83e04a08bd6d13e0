"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { clientAddress } from "@/lib/auth/sign-in-limit";
import { forgotPasswordSchema } from "@/lib/auth/password-form";
import { passwordResetRetryAfter, RESET_REQUESTED_MESSAGE, sendPasswordResetMail } from "@/lib/auth/password-reset";

export type ForgotPasswordState = { sent: string | null; error: string | null };

export async function requestPasswordReset(_prev: ForgotPasswordState, form: FormData): Promise<ForgotPasswordState> {
  const parsed = forgotPasswordSchema.safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success) return { sent: null, error: parsed.error.issues[0]!.message };
  const { email } = parsed.data;
  const retryAfter = await passwordResetRetryAfter(email, clientAddress(await headers()));
  if (retryAfter > 0) return { sent: null, error: `Too many reset requests. Try again in ${Math.ceil(retryAfter / 60)} min.` };
  // After the response: an unknown email answers exactly as fast as a known one.
  after(() => sendPasswordResetMail(email));
  return { sent: RESET_REQUESTED_MESSAGE, error: null };
}
