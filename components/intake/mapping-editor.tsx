"use client";

import { useId, useMemo, useState } from "react";
import { CheckCircle2, CircleAlert } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { MAPPING_FIELDS, type FieldMapping, type IntakeValidation, type OrderSourceType } from "@/lib/intake/rules";
import { previewMapping } from "./mapping-preview";

type Props = {
  sourceId: string;
  type: OrderSourceType;
  mapping: FieldMapping;
  validation: IntakeValidation;
  country: string;
  /** Null: read-only (built-in mapping, or a member). */
  save: ((input: { sourceId: string; patch: { mapping: FieldMapping } }) => Promise<ActionResult<unknown>>) | null;
};

/**
 * The field mapping of a source with a live preview: paste a payload the channel sends, and each
 * field shows the value the mapping finds, then the order exactly as intake would create it (or
 * the error it would answer). Built-in mappings (Shopify, WooCommerce) are shown to preview against.
 */
export function MappingEditor({ sourceId, type, mapping: saved, validation, country, save }: Props) {
  const [mapping, setMapping] = useState<FieldMapping>(saved);
  const [sample, setSample] = useState("");
  const id = useId();
  const preview = useMemo(() => previewMapping({ type, sample, mapping, validation, country }), [type, sample, mapping, validation, country]);
  const mutation = useActionMutation(save ?? (async () => ({ ok: true as const, data: null })), { onSuccess: () => toast.success("Mapping saved.") });
  const dirty = JSON.stringify(mapping) !== JSON.stringify(saved);
  const editable = save !== null && type === "generic";

  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid={`mapping-editor-${sourceId}`}>
      <div className="grid content-start gap-3">
        <p className="text-sm text-muted-foreground">
          {type === "generic"
            ? "Each field is a path into the JSON: a.b, items[0].sku; a | b takes the first that has a value; first + last joins with a space."
            : "Waypoint maps this channel's order JSON itself. Paste a payload to see what it takes from it."}
        </p>
        {MAPPING_FIELDS.map((f) => {
          const preview_ = preview.kind === "mapped" ? preview : null;
          const value = preview_?.values[f.key];
          const problem = preview_?.problems[f.key];
          return (
            <div key={f.key} className="grid gap-1">
              <Label htmlFor={`${id}-${f.key}`}>{f.label}</Label>
              <Input
                id={`${id}-${f.key}`}
                value={mapping[f.key] ?? ""}
                placeholder={f.example}
                readOnly={!editable}
                className="font-mono text-xs"
                aria-describedby={`${id}-${f.key}-found`}
                onChange={(e) => setMapping((m) => ({ ...m, [f.key]: e.target.value }))}
              />
              {preview_ ? (
                <p id={`${id}-${f.key}-found`} className={`text-xs ${problem || (value === undefined && f.required) ? "text-destructive" : "text-muted-foreground"}`} data-testid={`preview-${f.key}`}>
                  {problem ? `Path ${problem}` : value !== undefined ? `→ ${value}` : f.required ? "→ no value in the sample" : "→ no value (optional)"}
                </p>
              ) : null}
            </div>
          );
        })}
        {editable ? (
          <div className="flex items-center gap-2">
            <Button type="button" disabled={!dirty || mutation.isPending} onClick={() => mutation.mutate({ sourceId, patch: { mapping } })}>
              {mutation.isPending ? "Saving…" : "Save mapping"}
            </Button>
            {dirty ? (
              <Button type="button" variant="ghost" onClick={() => setMapping(saved)}>
                Undo changes
              </Button>
            ) : null}
          </div>
        ) : null}
        {mutation.error ? (
          <Alert variant="destructive">
            <AlertDescription>{mutation.error.message}</AlertDescription>
          </Alert>
        ) : null}
      </div>
      <div className="grid content-start gap-3">
        <div className="grid gap-1">
          <Label htmlFor={`${id}-sample`}>Sample payload</Label>
          <Textarea
            id={`${id}-sample`}
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            placeholder={type === "shopify" ? "Paste an orders/create body from Shopify" : type === "woocommerce" ? "Paste an order.created body from WooCommerce" : "Paste a JSON body your system sends"}
            className="min-h-48 font-mono text-xs"
          />
        </div>
        <div aria-live="polite" data-testid="mapping-preview">
          {preview.kind === "empty" ? <p className="text-sm text-muted-foreground">The order Waypoint would create appears here.</p> : null}
          {preview.kind === "bad_json" ? (
            <Alert variant="destructive">
              <CircleAlert aria-hidden />
              <AlertDescription>The sample is not valid JSON: {preview.message}</AlertDescription>
            </Alert>
          ) : null}
          {preview.kind === "ignored" ? (
            <Alert>
              <AlertDescription>Ignored (answered 200, no order): {preview.reason}</AlertDescription>
            </Alert>
          ) : null}
          {preview.kind === "mapped" && !preview.result.ok ? (
            <Alert variant="destructive">
              <CircleAlert aria-hidden />
              <AlertDescription>
                Rejected with 422: <span className="font-mono text-xs">{preview.result.message}</span>
              </AlertDescription>
            </Alert>
          ) : null}
          {preview.kind === "mapped" && preview.result.ok ? (
            <div className="grid gap-2 rounded-md border p-3">
              <p className="flex items-center gap-2 text-sm font-medium">
                <CheckCircle2 className="size-4 text-emerald-600" aria-hidden /> Accepted: the order Waypoint would create
              </p>
              <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{JSON.stringify(preview.result.body, null, 2)}</pre>
              {preview.result.notes.map((n) => (
                <p key={n} className="text-xs text-amber-700 dark:text-amber-400">
                  {n}
                </p>
              ))}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
