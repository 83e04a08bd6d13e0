"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { NewPasswordFields, PasswordInput } from "@/components/auth/new-password-fields";
import { initialPasswordFormState, type PasswordFormState } from "@/lib/auth/password-form";

type Props = {
  email: string;
  action: (state: PasswordFormState, form: FormData) => Promise<PasswordFormState>;
  /** Just changed: the action redirects back here with ?changed=1. */
  changed: boolean;
};

export function ChangePasswordForm({ email, action, changed }: Props) {
  const [state, formAction, pending] = useActionState(action, initialPasswordFormState);
  return (
    <Card role="region" aria-labelledby="change-password-heading">
      <CardHeader>
        <CardTitle id="change-password-heading">Change password</CardTitle>
        <CardDescription>You stay signed in here; every other browser or device signed in as you is signed out.</CardDescription>
      </CardHeader>
      <form action={formAction} noValidate>
        <CardContent className="grid gap-4">
          {/* Lets password managers file the new password under the right account. */}
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <PasswordInput name="current" label="Current password" autoComplete="current-password" errors={state.fieldErrors} />
          <NewPasswordFields errors={state.fieldErrors} />
        </CardContent>
        <CardFooter className="mt-4 flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Change password"}
          </Button>
          {state.error ? <p className="text-sm text-destructive">{state.error}</p> : null}
          {changed && !state.error && !Object.keys(state.fieldErrors).length ? (
            <p className="text-sm" role="status" data-testid="password-changed">
              Password changed. Other sessions have been signed out.
            </p>
          ) : null}
        </CardFooter>
      </form>
    </Card>
  );
}
