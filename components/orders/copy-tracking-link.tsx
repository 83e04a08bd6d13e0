"use client";

import { Copy, ExternalLink } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { copyText } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function CopyTrackingLink({ url, trackingEnabled }: { url: string; trackingEnabled: boolean }) {
  const copy = async () => {
    if (await copyText(url)) toast.success("Tracking link copied");
    else toast.error("Could not copy. Select the link and copy it by hand.");
  };
  return (
    <div className="grid gap-1.5">
      <Label htmlFor="tracking-link">Tracking link</Label>
      <div className="flex gap-2">
        <Input id="tracking-link" readOnly value={url} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        <Button type="button" variant="outline" size="icon" aria-label="Copy tracking link" onClick={copy}>
          <Copy className="size-4" aria-hidden />
        </Button>
        <Button asChild variant="outline" size="icon">
          <a href={url} target="_blank" rel="noreferrer noopener" aria-label="Open tracking page">
            <ExternalLink className="size-4" aria-hidden />
          </a>
        </Button>
      </div>
      {!trackingEnabled ? (
        <p className="text-xs text-warning">Tracking is switched off: this link says tracking isn&apos;t available. Switch it on under Tracking &amp; SMS.</p>
      ) : null}
    </div>
  );
}
