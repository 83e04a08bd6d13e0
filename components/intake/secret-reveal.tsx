"use client";

import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CopyButton } from "@/components/ui/copy-button";

/** A value shown once (a secret) or worth copying (the intake URL): read-only, selectable, with a copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const id = useId();
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input id={id} readOnly value={value} className="font-mono text-xs" data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton label={`Copy ${label.toLowerCase()}`} text={value} size="default" />
      </div>
    </div>
  );
}
