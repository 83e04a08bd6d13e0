"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";

type State = { message: string | null; error: string | null };

export function RenewInviteForm({ token, action }: { token: string; action: (state: State, form: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, { message: null, error: null });
  if (state.message) return <p className="text-sm" role="status">{state.message}</p>;
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send me a new invitation"}
      </Button>
      {state.error ? <p className="text-sm text-destructive">{state.error}</p> : null}
    </form>
  );
}
