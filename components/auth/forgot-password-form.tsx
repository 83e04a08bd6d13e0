"use client";

import { useActionState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AuthCard } from "@/components/auth/auth-card";

type State = { sent: string | null; error: string | null };
type Props = { action: (state: State, form: FormData) => Promise<State> };

export function ForgotPasswordForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { sent: null, error: null });
  return (
    <AuthCard title="Forgot your password?" description="Enter the email you sign in with and we'll send you a link to choose a new password.">
      {state.sent ? (
        <p className="text-sm" role="status" data-testid="reset-requested">
          {state.sent}
        </p>
      ) : (
        <form action={formAction} className="grid gap-4">
          <div className="grid gap-2">
            <Label htmlFor="email">Email</Label>
            <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={state.error ? true : undefined} aria-describedby="forgot-error" />
          </div>
          {state.error ? (
            <p id="forgot-error" className="text-sm text-destructive" data-testid="forgot-error">
              {state.error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Sending…" : "Send reset link"}
          </Button>
        </form>
      )}
      <p className="mt-4 text-center text-sm">
        <Link href="/login" className="text-muted-foreground underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
