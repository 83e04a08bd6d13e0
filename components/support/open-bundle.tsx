"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SupportBundleView } from "@/components/support/support-bundle-view";
import { describeZodError } from "@/lib/errors";
import { SupportBundleSchema, type SupportBundleView as Bundle } from "@/lib/support-bundle/schema";

/** Support opens a bundle from the link a partner pasted into a ticket, or from the JSON file they attached. */
export function OpenBundle() {
  const router = useRouter();
  const [link, setLink] = useState("");
  const [bundle, setBundle] = useState<Bundle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = /sb_[A-Za-z0-9_-]{20,}/.exec(link)?.[0];
  async function read(file: File) {
    setError(null);
    setBundle(null);
    try {
      const parsed = SupportBundleSchema.safeParse(JSON.parse(await file.text()));
      if (parsed.success) setBundle(parsed.data);
      else setError(`Not a Waypoint support bundle: ${describeZodError(parsed.error)}`);
    } catch {
      setError("Not a Waypoint support bundle: the file is not JSON.");
    }
  }
  return (
    <div className="grid gap-6">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (id) router.push(`/support/bundles/${id}`);
        }}
      >
        <div className="grid gap-1.5">
          <Label htmlFor="bundle-link">Support link</Label>
          <Input id="bundle-link" className="w-96 max-w-full" placeholder="https://…/support/bundles/sb_…" value={link} onChange={(e) => setLink(e.target.value)} />
        </div>
        <Button type="submit" disabled={!id}>
          Open
        </Button>
        <div className="grid gap-1.5">
          <Label htmlFor="bundle-file">Or a bundle file</Label>
          <Input id="bundle-file" type="file" accept="application/json,.json" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        </div>
      </form>
      {error ? <p className="text-sm text-destructive">{error}</p> : null}
      {bundle ? <SupportBundleView bundle={bundle} /> : null}
    </div>
  );
}
