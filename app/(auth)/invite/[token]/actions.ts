"use server";

import { signIn } from "@/lib/auth/config";
import { AppError } from "@/lib/errors";
import { acceptInvite, renewExpiredInvite } from "@/lib/team/accept-invite";
import { ZodError } from "zod";

export type AcceptInviteState = { error: string | null; field?: "name" | "password" | "confirm"; name?: string };

/** Creates the account from the invitation, then signs the person in onto the onboarding checklist. */
export async function acceptInviteAction(_prev: AcceptInviteState, form: FormData): Promise<AcceptInviteState> {
  const token = String(form.get("token") ?? "");
  const input = { name: String(form.get("name") ?? ""), password: String(form.get("password") ?? ""), confirm: String(form.get("confirm") ?? "") };
  let email: string;
  try {
    ({ email } = await acceptInvite(token, input));
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      return { error: issue?.message ?? "Check the form.", field: (issue?.path[0] as AcceptInviteState["field"]) ?? undefined, name: input.name };
    }
    if (error instanceof AppError) return { error: error.message, field: error.details?.field === "password" ? "password" : undefined, name: input.name };
    throw error;
  }
  // Throws Next's redirect on success.
  await signIn("credentials", { email, password: input.password, redirectTo: "/overview" });
  return { error: null };
}

export type RenewInviteState = { message: string | null; error: string | null };

/** From an expired invitation's page: a fresh link to the invited address. */
export async function renewInviteAction(_prev: RenewInviteState, form: FormData): Promise<RenewInviteState> {
  try {
    const { sentTo } = await renewExpiredInvite(String(form.get("token") ?? ""));
    return { message: `A new invitation is on its way to ${sentTo}. It is valid for 7 days.`, error: null };
  } catch (error) {
    if (error instanceof AppError) return { message: null, error: error.message };
    throw error;
  }
}
