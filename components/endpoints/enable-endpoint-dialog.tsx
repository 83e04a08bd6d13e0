"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import type { UpdateAction } from "./endpoint-dialogs";
import { useActionMutation } from "@/components/actions/use-action-mutation";

type Props = { open: boolean; onOpenChange: (open: boolean) => void; endpoint: { id: string; url: string }; update: UpdateAction };

/** Enabling offers to send again what was dead-lettered while the endpoint was failing or off. */
export function EnableEndpointDialog({ open, onOpenChange, endpoint, update }: Props) {
  const [retry, setRetry] = useState(true);
  const router = useRouter();
  const mutation = useActionMutation(() => update(endpoint.id, { enabled: true, retryDeadLettered: retry }), {
    onSuccess: (data) => {
      const queued = (data as { queued?: number }).queued ?? 0;
      toast.success(`Endpoint enabled.${queued ? ` Retrying ${queued} dead-lettered deliveries; results appear in the Event Log.` : " New events will be sent to it."}`);
      onOpenChange(false);
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Enable this endpoint?</DialogTitle>
          <DialogDescription>New events will be delivered to {endpoint.url} again.</DialogDescription>
        </DialogHeader>
        <div className="flex items-start gap-2">
          <Checkbox id={`retry-dead-${endpoint.id}`} checked={retry} onCheckedChange={(v) => setRetry(v === true)} />
          <Label htmlFor={`retry-dead-${endpoint.id}`} className="leading-snug">
            Retry everything dead-lettered since it was disabled (and in the 24 hours before)
          </Label>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button onClick={() => mutation.mutate(undefined)} disabled={mutation.isPending}>{mutation.isPending ? "Enabling…" : "Enable"}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
