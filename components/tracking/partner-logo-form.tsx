"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { checkLogoSize, LOGO_MAX_BYTES, LOGO_TYPES } from "@/lib/partners/logo-rules";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export type LogoInfo = { url: string; contentType: string; byteSize: number };
type Props = {
  logo: LogoInfo | null;
  merchantName: string;
  canEdit: boolean;
  onUpload: (form: FormData) => Promise<ActionResult<LogoInfo>>;
  onRemove: () => Promise<ActionResult<{ removed: boolean }>>;
};

/**
 * The logo on the public tracking page. The browser only pre-checks the size (so a large file
 * is not sent at all); the server decides from the file's bytes and its answer is shown as is.
 */
export function PartnerLogoForm({ logo: initial, merchantName, canEdit, onUpload, onRemove }: Props) {
  const [logo, setLogo] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const upload = useActionMutation(
    (file: File) => {
      const form = new FormData();
      form.set("logo", file);
      return onUpload(form);
    },
    {
      onSuccess: (saved) => {
        setLogo(saved);
        setProblem(null);
        if (input.current) input.current.value = "";
        toast.success("Logo saved. It shows on your tracking pages now.");
      },
      onError: (error) => setProblem(error.message),
    },
  );
  const remove = useActionMutation(onRemove, {
    onSuccess: () => {
      setLogo(null);
      toast.success("Logo removed");
    },
    onError: (error) => toast.error(error.message),
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setProblem("Choose an image file first.");
    const tooBig = checkLogoSize(file.size);
    if (tooBig && !tooBig.ok) return setProblem(tooBig.message);
    upload.mutate(file);
  }

  const busy = upload.isPending || remove.isPending;
  return (
    <div className="grid gap-4">
      <div className="flex min-h-16 items-center gap-4 rounded-md border bg-muted/40 p-3">
        {logo ? (
          // eslint-disable-next-line @next/next/no-img-element -- the stored file as customers get it
          <img src={logo.url} alt={`${merchantName} logo`} className="h-12 w-auto max-w-[12rem] object-contain" />
        ) : (
          <p className="text-sm text-muted-foreground">No logo yet: the tracking page shows “{merchantName}” as text.</p>
        )}
        {logo && canEdit ? (
          <Button type="button" variant="outline" size="sm" className="ml-auto" disabled={busy} onClick={() => remove.mutate()}>
            Remove logo
          </Button>
        ) : null}
      </div>
      {canEdit ? (
        <form onSubmit={submit} className="grid gap-2" noValidate>
          <Label htmlFor="partner-logo">{logo ? "Replace the logo" : "Upload a logo"}</Label>
          <div className="flex flex-wrap items-center gap-2">
            <Input
              id="partner-logo"
              ref={input}
              name="logo"
              type="file"
              accept={LOGO_TYPES.join(",")}
              className="max-w-sm"
              aria-describedby="partner-logo-help partner-logo-problem"
              aria-invalid={problem ? true : undefined}
              onChange={() => setProblem(null)}
            />
            <Button type="submit" disabled={busy}>
              {upload.isPending ? "Uploading…" : "Upload"}
            </Button>
          </div>
          <p id="partner-logo-help" className="text-sm text-muted-foreground">
            PNG, JPEG or WebP, up to {LOGO_MAX_BYTES / 1024} KB. SVG is not accepted. A wide logo about 400 pixels across looks sharp on phones.
          </p>
          <p id="partner-logo-problem" role="status" className="text-sm text-destructive">
            {problem}
          </p>
        </form>
      ) : null}
    </div>
  );
}
