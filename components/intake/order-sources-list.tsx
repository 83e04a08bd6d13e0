"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { RotateCw, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger } from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/team/native-select";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import type { UpdateSourceInput } from "@/lib/intake/input";
import { SOURCE_TYPE_HELP, SOURCE_TYPE_LABELS, type FieldMapping, type IntakeValidation, type OrderSourceType } from "@/lib/intake/rules";
import { MappingEditor } from "./mapping-editor";
import { CopyField } from "./secret-reveal";

export type SourceItem = {
  id: string;
  type: OrderSourceType;
  name: string;
  intake_url: string;
  validation: IntakeValidation;
  mapping: FieldMapping | null;
  built_in_mapping: FieldMapping | null;
  enabled: boolean;
  secret: { previous_expires_at: string | null };
  last_received_at: string | null;
};

export type SourceActions = {
  update: (input: { sourceId: string; patch: UpdateSourceInput }) => Promise<ActionResult<unknown>>;
  rotate: (input: { sourceId: string; secret?: string }) => Promise<ActionResult<{ secret: string; previous_expires_at: string }>>;
  remove: (sourceId: string) => Promise<ActionResult<unknown>>;
};

export function OrderSourcesList({ sources, country, manage }: { sources: SourceItem[]; country: string; manage: SourceActions | null }) {
  if (sources.length === 0) {
    return <p className="text-sm text-muted-foreground">No order sources yet. Add one to take orders straight from a storefront.</p>;
  }
  return (
    <div className="grid gap-6">
      {sources.map((s) => (
        <SourceCard key={s.id} source={s} country={country} manage={manage} />
      ))}
    </div>
  );
}

function SourceCard({ source: s, country, manage }: { source: SourceItem; country: string; manage: SourceActions | null }) {
  const update = useActionMutation(manage?.update ?? (async () => ({ ok: true as const, data: null })), { onSuccess: () => toast.success("Order source updated.") });
  const id = useId();
  return (
    <Card data-testid={`order-source-${s.id}`}>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {s.name} <Badge variant="secondary">{SOURCE_TYPE_LABELS[s.type]}</Badge>
          {s.enabled ? null : <Badge variant="destructive">Paused</Badge>}
          <Badge variant="outline">{s.validation === "strict" ? "Strict" : "Lenient"}</Badge>
        </CardTitle>
        <CardDescription>
          {s.last_received_at ? `Last request ${new Date(s.last_received_at).toLocaleString()}.` : "Nothing received yet."}{" "}
          <Link className="underline" href={`/intake?source=${encodeURIComponent(s.id)}`}>
            Intake log
          </Link>
          {s.secret.previous_expires_at ? ` The previous secret still verifies until ${new Date(s.secret.previous_expires_at).toLocaleString()}.` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <CopyField label="Intake URL" value={s.intake_url} />
        <p className="text-xs text-muted-foreground">{SOURCE_TYPE_HELP[s.type]}</p>
        {manage ? (
          <div className="flex flex-wrap items-end gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-validation`}>Phone validation</Label>
              <NativeSelect id={`${id}-validation`} value={s.validation} disabled={update.isPending} onChange={(e) => update.mutate({ sourceId: s.id, patch: { validation: e.target.value as IntakeValidation } })}>
                <option value="strict">Strict: reject without a usable phone</option>
                <option value="lenient">Lenient: accept, flag, no SMS</option>
              </NativeSelect>
            </div>
            <Button variant="outline" disabled={update.isPending} onClick={() => update.mutate({ sourceId: s.id, patch: { enabled: !s.enabled } })}>
              {s.enabled ? "Pause" : "Resume"}
            </Button>
            <RotateSecretDialog source={s} rotate={manage.rotate} />
            <DeleteSourceButton source={s} remove={manage.remove} />
          </div>
        ) : null}
        {update.error ? (
          <Alert variant="destructive">
            <AlertDescription>{update.error.message}</AlertDescription>
          </Alert>
        ) : null}
        <details className="rounded-md border p-3" open={s.type === "generic"}>
          <summary className="cursor-pointer text-sm font-medium">{s.type === "generic" ? "Field mapping and preview" : "Mapping and preview"}</summary>
          <div className="mt-3">
            <MappingEditor
              sourceId={s.id}
              type={s.type}
              mapping={(s.type === "generic" ? s.mapping : s.built_in_mapping) ?? {}}
              validation={s.validation}
              country={country}
              save={manage && s.type === "generic" ? (input) => manage.update(input as Parameters<SourceActions["update"]>[0]) : null}
            />
          </div>
        </details>
      </CardContent>
    </Card>
  );
}

function RotateSecretDialog({ source, rotate }: { source: SourceItem; rotate: SourceActions["rotate"] }) {
  const [open, setOpen] = useState(false);
  const [supplied, setSupplied] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const id = useId();
  const mutation = useActionMutation(rotate, { onSuccess: (data) => setSecret(data.secret) });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setSecret(null);
          setSupplied("");
          mutation.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <RotateCw aria-hidden /> Rotate secret
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rotate the secret of {source.name}</DialogTitle>
          <DialogDescription>The current secret keeps verifying for 24 hours, so orders keep arriving while you update the channel.</DialogDescription>
        </DialogHeader>
        {secret ? (
          <CopyField label="New secret" value={secret} testId="rotated-source-secret" />
        ) : (
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              mutation.mutate({ sourceId: source.id, ...(supplied.trim() ? { secret: supplied.trim() } : {}) });
            }}
          >
            {source.type === "shopify" ? (
              <div className="grid gap-1.5">
                <Label htmlFor={`${id}-secret`}>Shopify&apos;s new signing key</Label>
                <Input id={`${id}-secret`} value={supplied} onChange={(e) => setSupplied(e.target.value)} className="font-mono text-xs" autoComplete="off" />
              </div>
            ) : null}
            {mutation.error ? (
              <Alert variant="destructive">
                <AlertDescription>{mutation.error.message}</AlertDescription>
              </Alert>
            ) : null}
            <DialogFooter>
              <Button type="submit" disabled={mutation.isPending}>
                {mutation.isPending ? "Rotating…" : "Rotate now"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function DeleteSourceButton({ source, remove }: { source: SourceItem; remove: SourceActions["remove"] }) {
  const mutation = useActionMutation(remove, { onSuccess: () => toast.success(`Order source "${source.name}" deleted.`), onError: (e) => toast.error(e.message) });
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline">
          <Trash2 aria-hidden /> Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {source.name}?</AlertDialogTitle>
          <AlertDialogDescription>Its intake URL stops answering and its intake log is removed. Orders it brought in stay.</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => mutation.mutate(source.id)}>Delete</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

export function CountryForm({ country, countries, save }: { country: string; countries: readonly string[]; save: ((input: { country: string }) => Promise<ActionResult<{ country: string }>>) | null }) {
  const id = useId();
  const mutation = useActionMutation(save ?? (async () => ({ ok: true as const, data: { country } })), { onSuccess: (d) => toast.success(`Phones without a country code are now read as ${d.country}.`) });
  const options = countries.includes(country) ? countries : [country, ...countries];
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>Default phone country</Label>
      <NativeSelect id={id} className="w-40" value={country} disabled={!save || mutation.isPending} onChange={(e) => mutation.mutate({ country: e.target.value })}>
        {options.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </NativeSelect>
      <p className="text-xs text-muted-foreground">A phone number a channel sends without a country code (&quot;098123 45678&quot;) is read in this country.</p>
      {mutation.error ? <p className="text-sm text-destructive">{mutation.error.message}</p> : null}
    </div>
  );
}
