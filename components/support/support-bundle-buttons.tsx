"use client";

import { useState } from "react";
import { LifeBuoy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { copyText } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";

type Kind = "event" | "endpoint" | "order";
type Created = { id: string; supportUrl: string; fileName: string; content: unknown };
type Create = (input: { kind: Kind; id: string }) => Promise<ActionResult<Created>>;

/**
 * "Copy support link" and "Download support bundle": each makes a snapshot (the event, its
 * deliveries and attempts, endpoint settings without secrets, the last 24 h of health) that
 * support opens from the link; the download is the same JSON to attach to a ticket.
 */
export function SupportBundleButtons({ kind, id, create }: { kind: Kind; id: string; create: Create }) {
  const [link, setLink] = useState<string | null>(null);
  const copy = useActionMutation(create, {
    onSuccess: async (b) => {
      setLink(b.supportUrl);
      if (await copyText(b.supportUrl)) toast.success("Support link copied. Paste it into your ticket.");
      else toast.success("Support link ready: copy it from the box.");
    },
    onError: (e) => toast.error(e.message),
  });
  const download = useActionMutation(create, {
    onSuccess: (b) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(b.content, null, 2)], { type: "application/json" }));
      const a = Object.assign(document.createElement("a"), { href: url, download: b.fileName });
      a.click();
      URL.revokeObjectURL(url);
      setLink(b.supportUrl);
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" disabled={copy.isPending} onClick={() => copy.mutate({ kind, id })}>
          <LifeBuoy aria-hidden /> {copy.isPending ? "Preparing…" : "Copy support link"}
        </Button>
        <Button variant="outline" size="sm" disabled={download.isPending} onClick={() => download.mutate({ kind, id })}>
          {download.isPending ? "Preparing…" : "Download support bundle"}
        </Button>
      </div>
      {link ? <Input readOnly aria-label="Support link" value={link} className="max-w-md font-mono text-xs" onFocus={(e) => e.currentTarget.select()} /> : null}
    </div>
  );
}
