"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { unstable_update } from "@/lib/auth/config";
import { changePassword } from "@/lib/auth/change-password";
import { changePasswordSchema, fieldErrorsOf, initialPasswordFormState, type PasswordFormState } from "@/lib/auth/password-form";
import { requireUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/sign-in-limit";

// Acts on the signed-in user only: no ids come from the form.
export async function changePasswordAction(_prev: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const user = await requireUser();
  const parsed = changePasswordSchema.safeParse({ current: form.get("current") ?? "", password: form.get("password") ?? "", confirm: form.get("confirm") ?? "" });
  if (!parsed.success) return { ...initialPasswordFormState, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await changePassword(user.id, parsed.data, clientAddress(await headers()));
  if (!result.ok) return { ...initialPasswordFormState, ...(result.field ? { fieldErrors: { [result.field]: result.message } } : { error: result.message }) };
  // sessionVersion went up, which signs out every session; this one takes the new value and stays.
  await unstable_update({});
  // A redirect, not a returned state: re-rendering this page in the same request would read the
  // request's old session cookie, now outdated, and sign the person out.
  redirect("/settings/account?changed=1");
}
