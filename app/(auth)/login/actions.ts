"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";

export type LoginState = { error: string | null };

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password." };
  try {
    await signIn("credentials", { email, password, redirectTo: "/overview" });
    return { error: null };
  } catch (error) {
    // signIn throws a redirect on success; only credential failures are ours to answer.
    if (error instanceof AuthError) return { error: "Email or password is incorrect." };
    throw error;
  }
}
