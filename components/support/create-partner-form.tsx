"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { NativeSelect } from "@/components/team/native-select";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";

type Input = { name: string; tier: "smb" | "growth" | "enterprise"; trackingEnabled: boolean; smsEnabled: boolean; adminEmail: string };
type Props = { create: (input: Input) => Promise<ActionResult<{ id: string; name: string; invitedEmail: string | null }>> };

const EMPTY: Input = { name: "", tier: "growth", trackingEnabled: false, smsEnabled: false, adminEmail: "" };

export function CreatePartnerForm({ create }: Props) {
  const router = useRouter();
  const id = useId();
  const [form, setForm] = useState<Input>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const mutation = useActionMutation(create, {
    onSuccess: (p) => {
      toast.success(p.invitedEmail ? `${p.name} created; invitation sent to ${p.invitedEmail}.` : `${p.name} created.`);
      setForm(EMPTY);
      setError(null);
      router.refresh();
    },
    onError: (e) => setError(e.message),
  });
  const set = <K extends keyof Input>(key: K, value: Input[K]) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <form
      aria-label="Create a partner"
      className="grid gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate(form);
      }}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div className="grid gap-2">
          <Label htmlFor={`${id}-name`}>Partner name</Label>
          <Input id={`${id}-name`} value={form.name} onChange={(e) => set("name", e.target.value)} placeholder="e.g. Fresh Basket" />
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${id}-tier`}>Tier</Label>
          <NativeSelect id={`${id}-tier`} value={form.tier} onChange={(e) => set("tier", e.target.value as Input["tier"])}>
            <option value="smb">SMB (no engineers: tracking page and SMS)</option>
            <option value="growth">Growth</option>
            <option value="enterprise">Enterprise</option>
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${id}-admin`}>First admin&apos;s email</Label>
          <Input id={`${id}-admin`} type="email" value={form.adminEmail} onChange={(e) => set("adminEmail", e.target.value)} placeholder="lead@partner.com (invited at once)" />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-6">
        <Label className="flex items-center gap-2 font-normal">
          <Switch checked={form.trackingEnabled} onCheckedChange={(v) => set("trackingEnabled", v)} aria-label="Public tracking page" /> Public tracking page
        </Label>
        <Label className="flex items-center gap-2 font-normal">
          <Switch checked={form.smsEnabled} onCheckedChange={(v) => set("smsEnabled", v)} aria-label="Customer SMS" /> Customer SMS
        </Label>
        <Button type="submit" className="ml-auto" disabled={mutation.isPending}>
          <Plus aria-hidden /> {mutation.isPending ? "Creating…" : "Create partner"}
        </Button>
      </div>
      {error ? (
        <p className="text-sm text-destructive" role="status">
          {error}
        </p>
      ) : null}
    </form>
  );
}
