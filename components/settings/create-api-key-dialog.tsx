"use client";

import { useId, useState } from "react";
import { KeyRound, Plus } from "lucide-react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import type { ActionResult } from "@/lib/actions/types";
import { ApiKeyNameSchema, type ApiKeyKind, type CreateApiKeyInput, type IssuedApiKey } from "@/lib/api-keys/input";

type Props = {
  kind: ApiKeyKind;
  partnerName: string;
  create: (input: CreateApiKeyInput) => Promise<ActionResult<IssuedApiKey>>;
};

const TEXT = {
  partner: { button: "Create API key", title: "Create a partner API key", what: "Your automation uses it for the partner API: endpoints, events, retries and health." },
  ingest: { button: "Create ingest key", title: "Create an ingest key", what: "The OMS, dispatch system or rider app uses it to post orders and status changes." },
} as const;

/**
 * Names a new key, then shows it exactly once. The key lives only in this dialog's state and
 * is dropped when the dialog closes; the server keeps only its hash.
 */
export function CreateApiKeyDialog({ kind, partnerName, create }: Props) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [bind, setBind] = useState(true);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const ids = { name: useId(), bind: useId(), key: useId() };
  const mutation = useActionMutation(create, {
    onSuccess: (data) => {
      setIssued(data);
      toast.success(`Key "${data.name}" created.`);
    },
  });

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setIssued(null);
      setName("");
      setBind(true);
      setFieldError(null);
      mutation.reset();
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = ApiKeyNameSchema.safeParse(name);
    if (!parsed.success) return setFieldError(parsed.error.issues[0]?.message ?? "Check the name.");
    setFieldError(null);
    mutation.mutate({ name: parsed.data, bindToPartner: bind });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> {TEXT[kind].button}
        </Button>
      </DialogTrigger>
      <DialogContent>
        {issued ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <KeyRound className="size-4" aria-hidden /> Copy your new key
              </DialogTitle>
              <DialogDescription>This is the only time the key is shown. Store it in your secrets manager now; if it is lost, revoke it and create another.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor={ids.key}>New key “{issued.name}”</Label>
              <div className="flex gap-2">
                <Input id={ids.key} readOnly value={issued.key} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
                <CopyButton label="Copy key" text={issued.key} size="default" />
              </div>
              <p className="text-xs text-muted-foreground">
                Send it as <code>Authorization: Bearer {issued.prefix}…</code>
              </p>
            </div>
            <DialogFooter>
              <Button onClick={() => onOpenChange(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={submit} className="grid gap-4" noValidate>
            <DialogHeader>
              <DialogTitle>{TEXT[kind].title}</DialogTitle>
              <DialogDescription>{TEXT[kind].what}</DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor={ids.name}>Key name</Label>
              <Input
                id={ids.name}
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder={kind === "partner" ? "e.g. CI deploys" : "e.g. Dispatch app"}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${ids.name}-error` : undefined}
                autoFocus
              />
              {fieldError ? (
                <p id={`${ids.name}-error`} className="text-sm text-destructive">
                  {fieldError}
                </p>
              ) : null}
            </div>
            {kind === "ingest" ? (
              <div className="flex items-start gap-2">
                <Checkbox id={ids.bind} checked={bind} onCheckedChange={(v) => setBind(v === true)} />
                <div className="grid gap-1">
                  <Label htmlFor={ids.bind}>Only for {partnerName}</Label>
                  <p className="text-xs text-muted-foreground">Unticked, the key can post orders for any partner and must name one with partner_id.</p>
                </div>
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
                {mutation.isPending ? "Creating…" : "Create key"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
