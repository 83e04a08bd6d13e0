"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import { clientAddress, recordFailedSignIn, signInRetryAfter } from "@/lib/auth/sign-in-limit";

export type LoginState = { error: string | null };

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password." };
  const address = clientAddress(await headers());
  const retryAfter = await signInRetryAfter(email, address);
  if (retryAfter > 0) return { error: `Too many sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} min.` };
  try {
    await signIn("credentials", { email, password, redirectTo: "/overview" });
    return { error: null };
  } catch (error) {
    // signIn throws a redirect on success; only credential failures are ours to answer.
    if (error instanceof AuthError) {
      await recordFailedSignIn(email, address);
      return { error: "Email or password is incorrect." };
    }
    throw error;
  }
}
