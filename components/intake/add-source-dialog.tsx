"use client";

import { useId, useState } from "react";
import { Plus, ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/team/native-select";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import type { CreateSourceInput } from "@/lib/intake/input";
import { ORDER_SOURCE_TYPES, SOURCE_TYPE_HELP, SOURCE_TYPE_LABELS, type IntakeValidation, type OrderSourceType } from "@/lib/intake/rules";
import { CopyField } from "./secret-reveal";

type Created = { source: { id: string; name: string; intake_url: string; type: OrderSourceType }; secret: string };

/** Adds a source, then shows its intake URL and its secret, the secret this once. */
export function AddSourceDialog({ create }: { create: (input: CreateSourceInput) => Promise<ActionResult<Created>> }) {
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<OrderSourceType>("generic");
  const [name, setName] = useState("");
  const [validation, setValidation] = useState<IntakeValidation>("strict");
  const [secret, setSecret] = useState("");
  const [created, setCreated] = useState<Created | null>(null);
  const id = useId();
  const mutation = useActionMutation(create, {
    onSuccess: (data) => {
      setCreated(data);
      toast.success(`Order source "${data.source.name}" added.`);
    },
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setName("");
      setSecret("");
      setType("generic");
      setValidation("strict");
      mutation.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> Add order source
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <ShieldCheck className="size-4" aria-hidden /> Connect {created.source.name}
              </DialogTitle>
              <DialogDescription>
                Give the channel this intake URL and secret. The secret is shown only now: copy it into the channel&apos;s webhook settings. If it is lost,
                rotate it.
              </DialogDescription>
            </DialogHeader>
            <CopyField label="Intake URL" value={created.source.intake_url} testId="new-source-url" />
            <CopyField label="Secret" value={created.secret} testId="new-source-secret" />
            <p className="text-xs text-muted-foreground">{SOURCE_TYPE_HELP[created.source.type]}</p>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            className="grid gap-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              mutation.mutate({ type, name, validation, ...(secret.trim() ? { secret: secret.trim() } : {}) });
            }}
          >
            <DialogHeader>
              <DialogTitle>Add an order source</DialogTitle>
              <DialogDescription>A storefront or system that sends orders to Waypoint as webhooks. Each gets its own intake URL and secret.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-type`}>Type</Label>
              <NativeSelect id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as OrderSourceType)}>
                {ORDER_SOURCE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {SOURCE_TYPE_LABELS[t]}
                  </option>
                ))}
              </NativeSelect>
              <p className="text-xs text-muted-foreground">{SOURCE_TYPE_HELP[type]}</p>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-name`}>Name</Label>
              <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Main Shopify store" autoFocus />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-validation`}>Phone validation</Label>
              <NativeSelect id={`${id}-validation`} value={validation} onChange={(e) => setValidation(e.target.value as IntakeValidation)}>
                <option value="strict">Strict: reject an order without a usable phone</option>
                <option value="lenient">Lenient: accept it, flag it, send no SMS</option>
              </NativeSelect>
            </div>
            {type !== "generic" ? (
              <div className="grid gap-1.5">
                <Label htmlFor={`${id}-secret`}>{type === "shopify" ? "Shopify's signing key" : "Secret (optional)"}</Label>
                <Input id={`${id}-secret`} value={secret} onChange={(e) => setSecret(e.target.value)} className="font-mono text-xs" autoComplete="off" placeholder={type === "shopify" ? "Required" : "Leave empty and Waypoint generates one"} />
              </div>
            ) : null}
            {mutation.error ? (
              <Alert variant="destructive">
                <AlertDescription>{mutation.error.message}</AlertDescription>
              </Alert>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={mutation.isPending}>
                {mutation.isPending ? "Adding…" : "Add source"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
