"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { WaypointLogo } from "@/components/layout/waypoint-logo";

type State = { error: string | null; field?: "name" | "password" | "confirm"; name?: string };
type Props = { token: string; email: string; partnerName: string; role: string; action: (state: State, form: FormData) => Promise<State> };

export function AcceptInviteForm({ token, email, partnerName, role, action }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  const errorFor = (field: State["field"]) =>
    state.error && state.field === field ? (
      <p className="text-sm text-destructive" id={`${field}-error`}>
        {state.error}
      </p>
    ) : null;
  return (
    <Card className="w-full max-w-sm">
      <CardHeader>
        <WaypointLogo className="mb-2" />
        <CardTitle>
          <h1>Join {partnerName}</h1>
        </CardTitle>
        <CardDescription>
          You&apos;re invited as {role === "partner_admin" ? "an admin" : "a member"}. Choose your name and a password for {email}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={formAction} className="grid gap-4">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="email" value={email} autoComplete="username" />
          <div className="grid gap-2">
            <Label htmlFor="name">Your name</Label>
            <Input id="name" name="name" autoComplete="name" required defaultValue={state.name} aria-invalid={state.field === "name"} />
            {errorFor("name")}
          </div>
          <div className="grid gap-2">
            <Label htmlFor="password">Password</Label>
            <Input id="password" name="password" type="password" autoComplete="new-password" required aria-invalid={state.field === "password"} aria-describedby="password-help" />
            <p id="password-help" className="text-xs text-muted-foreground">
              At least 10 characters; a few uncommon words work well.
            </p>
            {errorFor("password")}
          </div>
          <div className="grid gap-2">
            <Label htmlFor="confirm">Confirm password</Label>
            <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required aria-invalid={state.field === "confirm"} />
            {errorFor("confirm")}
          </div>
          {state.error && !state.field ? <p className="text-sm text-destructive">{state.error}</p> : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Creating your account…" : "Create account"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
