"use client";

import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type Row = { id: string; attemptCount: number; lastError: string | null; deadLetteredAt: string | null; partnerName: string; endpointUrl: string; eventType: string };
type Props = { rows: Row[]; total: number; retry: (ids: string[] | "all") => Promise<ActionResult<{ queued: number; partners: number }>> };

export function DeadLetterTable({ rows, total, retry }: Props) {
  const mutation = useActionMutation(retry, {
    onSuccess: (d) => toast.success(`Retrying ${d.queued} deliveries for ${d.partners} partner(s). Results appear in each partner's Event Log.`),
    onError: (e) => toast.error(e.message),
  });
  if (rows.length === 0) return <EmptyState title="No dead-lettered deliveries" description="Every accepted event reached its endpoints or is still being retried." />;
  return (
    <div className="grid gap-3">
      <div className="flex items-center justify-between">
        <p className="text-sm text-muted-foreground" data-testid="dead-letter-total">{total} dead-lettered across all partners{total > rows.length ? `, newest ${rows.length} shown` : ""}.</p>
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button disabled={mutation.isPending}>Retry all dead-lettered</Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Retry {total} dead-lettered deliveries?</AlertDialogTitle>
              <AlertDialogDescription>Each is sent again now as a manual attempt by you, and the retry is written to each partner&apos;s audit log.</AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Cancel</AlertDialogCancel>
              <AlertDialogAction onClick={() => mutation.mutate("all")}>Retry {total}</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      </div>
      <Table aria-label="Dead-lettered deliveries">
        <TableHeader>
          <TableRow>
            <TableHead>Partner</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Endpoint</TableHead>
            <TableHead>Last error</TableHead>
            <TableHead className="text-right">Retry</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{r.partnerName}</TableCell>
              <TableCell><Badge variant="outline">{r.eventType}</Badge></TableCell>
              <TableCell className="max-w-56 truncate font-mono text-xs">{r.endpointUrl}</TableCell>
              <TableCell className="max-w-72 truncate text-xs text-muted-foreground">{r.lastError ?? "—"} ({r.attemptCount} attempts)</TableCell>
              <TableCell className="text-right">
                <Button size="sm" variant="outline" disabled={mutation.isPending} onClick={() => mutation.mutate([r.id])}>Retry</Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
