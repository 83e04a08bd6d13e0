"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Send } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { inviteInputSchema, TEAM_ROLE_LABEL, TEAM_ROLES, type InviteInput, type TeamRole } from "@/lib/team/rules";
import { NativeSelect } from "./native-select";

type Props = { invite: (input: InviteInput) => Promise<ActionResult<{ id: string; email: string }>>; defaultRole?: TeamRole };

export function InviteForm({ invite, defaultRole = "partner_member" }: Props) {
  const router = useRouter();
  const ids = { email: useId(), role: useId() };
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TeamRole>(defaultRole);
  const [error, setError] = useState<string | null>(null);
  const mutation = useActionMutation(invite, {
    onSuccess: (data) => {
      toast.success(`Invitation sent to ${data.email}.`);
      setEmail("");
      router.refresh();
    },
    onError: (e) => setError(e.message),
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = inviteInputSchema.safeParse({ email, role });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the email and role.");
    setError(null);
    mutation.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} className="grid gap-3" aria-label="Invite a teammate" noValidate>
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-64 flex-1 gap-2">
          <Label htmlFor={ids.email}>Email</Label>
          <Input id={ids.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@company.com" aria-invalid={Boolean(error)} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={ids.role}>Role</Label>
          <NativeSelect id={ids.role} value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
            {TEAM_ROLES.map((r) => (
              <option key={r} value={r}>
                {TEAM_ROLE_LABEL[r]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" disabled={mutation.isPending}>
          <Send aria-hidden /> {mutation.isPending ? "Sending…" : "Send invite"}
        </Button>
      </div>
      {error ? (
        <p className="text-sm text-destructive" role="status">
          {error}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">Admins manage endpoints, keys and the team; members see everything and send test events. The link works once and expires in 7 days.</p>
    </form>
  );
}
