"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type Endpoint = { id: string; url: string; enabled: boolean; disabledReason: string | null; partner: { id: string; name: string }; delivered: number; retrying: number; deadLettered: number };
type Reenable = (input: { partnerId: string; endpointId: string; retryDeadLettered: boolean }) => Promise<ActionResult<{ queued: number }>>;

export function SupportEndpointsTable({ endpoints, reenable }: { endpoints: Endpoint[]; reenable: Reenable }) {
  if (endpoints.length === 0) return <p className="text-sm text-muted-foreground">No partner has registered an endpoint yet.</p>;
  return (
    <Table aria-label="Endpoints across partners">
      <TableHeader>
        <TableRow>
          <TableHead>Partner</TableHead>
          <TableHead>Endpoint</TableHead>
          <TableHead>State</TableHead>
          <TableHead className="text-right">Delivered</TableHead>
          <TableHead className="text-right">Retrying</TableHead>
          <TableHead className="text-right">Dead-lettered</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {endpoints.map((e) => (
          <TableRow key={e.id}>
            <TableCell>{e.partner.name}</TableCell>
            <TableCell className="max-w-64 truncate font-mono text-xs">{e.url}</TableCell>
            <TableCell>
              {e.enabled ? <Badge variant="success">Enabled</Badge> : <Badge variant="warning" title={e.disabledReason ?? undefined}>Disabled</Badge>}
              {!e.enabled && e.disabledReason ? <p className="mt-1 max-w-64 text-xs text-muted-foreground">{e.disabledReason}</p> : null}
            </TableCell>
            <TableCell className="text-right tabular-nums">{e.delivered}</TableCell>
            <TableCell className="text-right tabular-nums">{e.retrying}</TableCell>
            <TableCell className="text-right tabular-nums">{e.deadLettered}</TableCell>
            <TableCell className="text-right">{e.enabled ? null : <ReenableDialog endpoint={e} reenable={reenable} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ReenableDialog({ endpoint, reenable }: { endpoint: Endpoint; reenable: Reenable }) {
  const [open, setOpen] = useState(false);
  const [retry, setRetry] = useState(true);
  const router = useRouter();
  const mutation = useActionMutation(() => reenable({ partnerId: endpoint.partner.id, endpointId: endpoint.id, retryDeadLettered: retry }), {
    onSuccess: (d) => {
      toast.success(`Endpoint re-enabled${d.queued ? `; retrying ${d.queued} dead-lettered deliveries` : ""}.`);
      setOpen(false);
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">Re-enable</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Re-enable {endpoint.url}?</DialogTitle>
          <DialogDescription>New events for {endpoint.partner.name} will be delivered to it again. The partner sees this in their audit log.</DialogDescription>
        </DialogHeader>
        <div className="flex items-center gap-2">
          <Checkbox id={`retry-${endpoint.id}`} checked={retry} onCheckedChange={(v) => setRetry(v === true)} />
          <Label htmlFor={`retry-${endpoint.id}`}>Retry everything dead-lettered since it was disabled ({endpoint.deadLettered} dead-lettered in all)</Label>
        </div>
        <DialogFooter>
          <Button onClick={() => mutation.mutate()} disabled={mutation.isPending}>Re-enable</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
