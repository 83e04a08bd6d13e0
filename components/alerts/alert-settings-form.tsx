"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/team/native-select";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { ALERT_RULES, DEFAULT_RULES, describeRule, RULE_LABEL, type AlertOverrides, type AlertRule, type EffectiveRules } from "@/lib/alerts/rules";

type Save = (input: { overrides: AlertOverrides; opsEndpointId: string | null }) => Promise<ActionResult<unknown>>;

// Each editable number: its rule field, its label, and how the form shows it (minutes for windows).
const FIELDS: Record<AlertRule, { key: string; label: string; unit: "min" | "s" | "%" | "n" }[]> = {
  failure_rate: [
    { key: "thresholdPercent", label: "Failed attempts above", unit: "%" },
    { key: "windowSeconds", label: "Over the last", unit: "min" },
    { key: "minAttempts", label: "With at least (attempts)", unit: "n" },
  ],
  delivery_delay: [
    { key: "thresholdSeconds", label: "p95 status → delivery above", unit: "s" },
    { key: "windowSeconds", label: "Over the last", unit: "min" },
    { key: "minDeliveries", label: "With at least (deliveries)", unit: "n" },
  ],
  dead_letters_waiting: [{ key: "olderThanSeconds", label: "Waiting longer than", unit: "min" }],
  endpoint_disabled: [],
};

const shown = (value: number, unit: string) => String(unit === "min" ? value / 60 : value);
const stored = (text: string, unit: string) => (unit === "min" ? Math.round(Number(text) * 60) : Number(text));

/** The four rules with the partner's values (defaults where it has none), and the operational endpoint. */
export function AlertSettingsForm({ rules, opsEndpointId, endpoints, save }: { rules: EffectiveRules; opsEndpointId: string | null; endpoints: { id: string; url: string }[]; save: Save | null }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(ALERT_RULES.flatMap((r) => [[`${r}.enabled`, String(rules[r].enabled)], ...FIELDS[r].map((f) => [`${r}.${f.key}`, shown((rules[r] as unknown as Record<string, number>)[f.key]!, f.unit)])])),
  );
  const [ops, setOps] = useState(opsEndpointId ?? "");
  const mutation = useActionMutation(save ?? (async () => ({ ok: true as const, data: null })), {
    onSuccess: () => {
      toast.success("Alert settings saved.");
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });

  // Only what differs from the defaults is stored: a later change of a default still reaches this partner.
  function overrides(): AlertOverrides {
    const out: Record<string, Record<string, number | boolean>> = {};
    for (const r of ALERT_RULES) {
      const d = DEFAULT_RULES[r] as Record<string, number | boolean>;
      const o: Record<string, number | boolean> = {};
      if ((values[`${r}.enabled`] === "true") !== d.enabled) o.enabled = values[`${r}.enabled`] === "true";
      for (const f of FIELDS[r]) {
        const v = stored(values[`${r}.${f.key}`] ?? "", f.unit);
        if (v !== d[f.key]) o[f.key] = v;
      }
      if (Object.keys(o).length) out[r] = o;
    }
    return out as AlertOverrides;
  }

  return (
    <form
      className="grid gap-6"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate({ overrides: overrides(), opsEndpointId: ops || null });
      }}
    >
      {ALERT_RULES.map((r) => (
        <fieldset key={r} className="grid gap-3 rounded-md border p-4" disabled={!save}>
          <legend className="px-1 text-sm font-medium">{RULE_LABEL[r]}</legend>
          <div className="flex items-center gap-2">
            <Checkbox id={`${r}-enabled`} checked={values[`${r}.enabled`] === "true"} onCheckedChange={(c) => setValues((v) => ({ ...v, [`${r}.enabled`]: String(c === true) }))} />
            <Label htmlFor={`${r}-enabled`}>On</Label>
            <span className="text-xs text-muted-foreground">{describeRule(r, rules)}</span>
          </div>
          {FIELDS[r].length ? (
            <div className="grid gap-3 sm:grid-cols-3">
              {FIELDS[r].map((f) => (
                <div key={f.key} className="grid gap-1.5">
                  <Label htmlFor={`${r}-${f.key}`}>
                    {f.label} {f.unit === "n" ? "" : `(${f.unit})`}
                  </Label>
                  <Input id={`${r}-${f.key}`} inputMode="decimal" value={values[`${r}.${f.key}`] ?? ""} onChange={(e) => setValues((v) => ({ ...v, [`${r}.${f.key}`]: e.target.value }))} />
                </div>
              ))}
            </div>
          ) : null}
        </fieldset>
      ))}
      <div className="grid gap-1.5">
        <Label htmlFor="ops-endpoint">Operational webhook</Label>
        <NativeSelect id="ops-endpoint" value={ops} onChange={(e) => setOps(e.target.value)} disabled={!save}>
          <option value="">None</option>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.url}
            </option>
          ))}
        </NativeSelect>
        <p className="text-xs text-muted-foreground">
          Receives endpoint.disabled, endpoint.failing and endpoint.recovered, and order_source.failing and order_source.recovered for an order source whose intakes keep failing, signed with its own secret like every webhook — never about itself (an incident on this endpoint is not sent to it).
        </p>
      </div>
      {save ? (
        <div>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : "Save alert settings"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">Only a partner admin can change alert settings.</p>
      )}
    </form>
  );
}
