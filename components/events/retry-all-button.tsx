"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/types";
import type { BulkRetryJson } from "@/lib/event-log/api-shape";
import { eventKeys } from "@/lib/query/events";

export type RetryAllAction = (query: Record<string, string>) => Promise<ActionResult<BulkRetryJson>>;

const deliveries = (n: number) => `${n} failed ${n === 1 ? "delivery" : "deliveries"}`;

/** "Retry all failed": the count is the server's, for this filter, refreshed with the list. */
export function RetryAllButton({ count, query, action }: { count: number; query: Record<string, string>; action: RetryAllAction }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const retry = useActionMutation(() => action(query), {
    onSuccess: (data) => {
      toast.success(data.message);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: eventKeys.all });
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" disabled={count === 0} title={count === 0 ? "No failed deliveries in this view" : undefined}>
          <RotateCcw aria-hidden /> Retry all failed ({count})
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Retry {deliveries(count)}?</AlertDialogTitle>
          <AlertDialogDescription>
            Every retrying or dead-lettered delivery of the events listed for the current filter is sent again now, once. Each attempt is recorded in
            its history as a manual retry by you. Deliveries that fail again keep their current state.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {retry.error ? <p className="text-sm text-destructive">{retry.error.message}</p> : null}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={retry.isPending || count === 0}
            onClick={(e) => {
              e.preventDefault(); // keep the dialog open until the server answers
              retry.mutate();
            }}
          >
            {retry.isPending ? "Retrying…" : `Retry ${deliveries(count)}`}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
