"use client";

import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

type Settings = { trackingEnabled: boolean; smsEnabled: boolean };
type Props = Settings & { canEdit: boolean; onSave: (changes: Partial<Settings>) => Promise<ActionResult<Settings>> };

const ROWS = [
  {
    key: "trackingEnabled",
    label: "Public tracking page",
    on: "Customers can follow their order at its tracking link.",
    off: "Tracking links say tracking isn't available.",
  },
  {
    key: "smsEnabled",
    label: "SMS to customers",
    on: "Each order event texts the customer, using the templates below.",
    off: "No SMS is sent. Switch on to text customers at every step.",
  },
] as const;

export function Layer1Switches({ canEdit, onSave, ...initial }: Props) {
  const [settings, setSettings] = useState<Settings>(initial);
  const mutation = useActionMutation(onSave, {
    onMutate: (changes) => {
      const before = settings;
      setSettings((s) => ({ ...s, ...changes }));
      return { before };
    },
    onSuccess: (saved, changes) => {
      setSettings(saved);
      const [key, value] = Object.entries(changes)[0] ?? [];
      const row = ROWS.find((r) => r.key === key);
      if (row) toast.success(`${row.label} ${value ? "switched on" : "switched off"}`);
    },
    onError: (error, _changes, context) => {
      if (context) setSettings(context.before);
      toast.error(error.message);
    },
  });

  return (
    <div className="grid gap-4">
      {ROWS.map((row) => {
        const id = `switch-${row.key}`;
        const checked = settings[row.key];
        return (
          <div key={row.key} className="flex items-start justify-between gap-4">
            <div className="grid gap-1">
              <Label htmlFor={id}>{row.label}</Label>
              <p className="text-sm text-muted-foreground" id={`${id}-help`}>
                {checked ? row.on : row.off}
              </p>
            </div>
            <Switch
              id={id}
              checked={checked}
              disabled={!canEdit || mutation.isPending}
              aria-describedby={`${id}-help`}
              onCheckedChange={(value) => mutation.mutate({ [row.key]: value })}
            />
          </div>
        );
      })}
    </div>
  );
}
