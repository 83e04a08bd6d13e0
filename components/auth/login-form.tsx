"use client";

import { useActionState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { WaypointLogo } from "@/components/layout/waypoint-logo";

type LoginState = { error: string | null };
type Props = { action: (state: LoginState, form: FormData) => Promise<LoginState> };

export function LoginForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <WaypointLogo className="mb-2" />
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Track orders and manage your webhook endpoints.</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={formAction} className="grid gap-4">
          <div className="grid gap-2">
            <Label htmlFor="email">Email</Label>
            <Input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          <div className="grid gap-2">
            <div className="flex items-center justify-between">
              <Label htmlFor="password">Password</Label>
              <Link href="/forgot-password" className="text-sm text-muted-foreground underline-offset-4 hover:underline">
                Forgot password?
              </Link>
            </div>
            <Input id="password" name="password" type="password" autoComplete="current-password" required />
          </div>
          {state.error ? (
            <p className="text-sm text-destructive" data-testid="login-error">
              {state.error}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
