"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/types";
import { DISABLED_REASON_MAX } from "@/lib/endpoints/rules";
import { useActionMutation } from "@/components/actions/use-action-mutation";

export type UpdateAction = (
  endpointId: string,
  patch: { enabled: boolean; disabledReason?: string; retryDeadLettered?: boolean },
) => Promise<ActionResult<{ id: string; enabled: boolean; queued?: number }>>;
export type DeleteAction = (endpointId: string) => Promise<ActionResult<{ id: string }>>;

type DialogProps = { open: boolean; onOpenChange: (open: boolean) => void; endpoint: { id: string; url: string } };

/** Switching off asks for an optional reason: the list, support and the audit log show it. */
export function DisableEndpointDialog({ open, onOpenChange, endpoint, update }: DialogProps & { update: UpdateAction }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const mutation = useActionMutation((r: string) => update(endpoint.id, { enabled: false, disabledReason: r.trim() || undefined }), {
    onSuccess: () => {
      toast.success("Endpoint disabled. No new events will be sent to it.");
      onOpenChange(false);
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Disable this endpoint?</AlertDialogTitle>
          <AlertDialogDescription>
            <span className="font-mono break-all">{endpoint.url}</span> stops receiving webhooks now: new events are not queued for it, and retries
            already scheduled are dead-lettered. You can still send it test events, and enable it again at any time; retry dead-lettered events from the Event Log.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="disable-reason">Reason (optional)</Label>
          <Textarea id="disable-reason" maxLength={DISABLED_REASON_MAX} placeholder="e.g. Moving our receiver to a new host" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button variant="destructive" onClick={() => mutation.mutate(reason)} disabled={mutation.isPending}>
            {mutation.isPending ? "Disabling…" : "Disable endpoint"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

export function DeleteEndpointDialog({ open, onOpenChange, endpoint, remove, afterDelete }: DialogProps & { remove: DeleteAction; afterDelete: "list" | "refresh" }) {
  const router = useRouter();
  const mutation = useActionMutation((id: string) => remove(id), {
    onSuccess: () => {
      toast.success("Endpoint deleted.");
      onOpenChange(false);
      if (afterDelete === "list") router.push("/endpoints");
      else router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete this endpoint?</AlertDialogTitle>
          <AlertDialogDescription>
            <span className="font-mono break-all">{endpoint.url}</span> stops receiving webhooks at once. Deliveries still waiting or retrying for it are
            cancelled and its delivery history is deleted; the events stay in the Event Log. This cannot be undone. To pause instead, disable it.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button variant="destructive" onClick={() => mutation.mutate(endpoint.id)} disabled={mutation.isPending}>
            {mutation.isPending ? "Deleting…" : "Delete endpoint"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
