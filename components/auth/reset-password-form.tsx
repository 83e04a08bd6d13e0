"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { AuthCard } from "@/components/auth/auth-card";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { initialPasswordFormState, type PasswordFormState } from "@/lib/auth/password-form";

type Props = { title: string; email: string; action: (state: PasswordFormState, form: FormData) => Promise<PasswordFormState> };

export function ResetPasswordForm({ title, email, action }: Props) {
  const [state, formAction, pending] = useActionState(action, initialPasswordFormState);
  return (
    <AuthCard title={title} description={<>For <span className="font-medium text-foreground">{email}</span>. You will be signed in afterwards, and signed out everywhere else.</>}>
      <form action={formAction} className="grid gap-4" noValidate>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <NewPasswordFields errors={state.fieldErrors} />
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save password and sign in"}
        </Button>
      </form>
    </AuthCard>
  );
}
