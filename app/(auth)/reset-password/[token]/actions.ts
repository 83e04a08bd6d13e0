"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/config";
import { fieldErrorsOf, initialPasswordFormState, newPasswordSchema, type PasswordFormState } from "@/lib/auth/password-form";
import { consumeUserToken } from "@/lib/auth/user-tokens";

// Public: the token in the link is the credential (32 random bytes; guessing one is hopeless).
export async function resetPassword(token: string, _prev: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const parsed = newPasswordSchema.safeParse({ password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return { ...initialPasswordFormState, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await consumeUserToken(token, parsed.data.password);
  if (!result.ok && result.problem === "weak_password") return { ...initialPasswordFormState, fieldErrors: { password: result.message } };
  // Used (another tab was faster) or expired meanwhile: the link's page says which.
  if (!result.ok) redirect(`/reset-password/${encodeURIComponent(token)}`);
  // The person just proved they own the account: sign them in rather than ask for the password again.
  await signIn("credentials", { email: result.user.email, password: parsed.data.password, redirectTo: "/overview" });
  return { ...initialPasswordFormState, done: true };
}
