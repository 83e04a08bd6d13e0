"use client";

import { useTransition } from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

type Props = {
  partners: { id: string; name: string; tier: string }[];
  currentId: string;
  onSwitch: (partnerId: string) => Promise<void>;
};

export function PartnerSwitcher({ partners, currentId, onSwitch }: Props) {
  const [pending, startTransition] = useTransition();
  return (
    <Select value={currentId} disabled={pending} onValueChange={(id) => startTransition(() => onSwitch(id))}>
      <SelectTrigger aria-label="Partner" className="w-full">
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {partners.map((p) => (
          <SelectItem key={p.id} value={p.id}>
            {p.name} <span className="text-muted-foreground">· {p.tier}</span>
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
