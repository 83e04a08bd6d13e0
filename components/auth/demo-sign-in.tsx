"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { DemoAccount } from "@/lib/dev/demo-accounts";

type LoginState = { error: string | null };
type Props = { accounts: readonly DemoAccount[]; password: string; action: (state: LoginState, form: FormData) => Promise<LoginState> };

/** Development only (the page decides: lib/dev/demo-sign-in.ts): each demo account signs in with one click. */
export function DemoSignIn({ accounts, password, action }: Props) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <Card className="w-full max-w-sm" role="region" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
      <CardHeader>
        <CardTitle id="demo-accounts-title">Demo accounts</CardTitle>
        <CardDescription>
          Development only. One click signs in; the password is <code className="font-mono">{password}</code>.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2">
          {accounts.map((account) => (
            <li key={account.email}>
              <form action={formAction}>
                <input type="hidden" name="email" value={account.email} />
                <input type="hidden" name="password" value={password} />
                <Button type="submit" variant="outline" className="h-auto w-full flex-col items-start gap-0.5 py-2 text-left whitespace-normal" disabled={pending} aria-label={`Sign in as ${account.name}, ${account.label}`}>
                  <span className="font-medium">
                    {account.name} · {account.label}
                  </span>
                  <span className="text-xs font-normal text-muted-foreground">
                    {account.email}
                    {account.partner ? ` · ${account.partner}` : " · all partners"}
                  </span>
                </Button>
              </form>
            </li>
          ))}
        </ul>
        {state.error ? (
          <p className="mt-3 text-sm text-destructive" data-testid="demo-login-error">
            {state.error}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
