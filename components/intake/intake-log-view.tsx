"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { NativeSelect } from "@/components/team/native-select";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";
import { INTAKE_OUTCOMES, type IntakeOutcome } from "@/lib/intake/rules";

export type IntakeEntryItem = {
  id: string;
  source_id: string;
  source_name: string;
  received_at: string;
  delivery_id: string | null;
  topic: string | null;
  outcome: IntakeOutcome;
  reason_code: string | null;
  reason: string | null;
  order_ref: string | null;
  order_id: string | null;
  replay_count: number;
  replayable: boolean;
};
export type FailureGroupItem = {
  source_id: string;
  source_name: string;
  outcome: string;
  reason_code: string | null;
  reason: string | null;
  count: number;
  orders_affected: number;
  replayable: number;
  last_seen_at: string;
};
type ReplayResult = { intake_id: string; outcome: IntakeOutcome; order_id: string | null; reason: string | null };
type BulkResult = { replayed: number; accepted: number; duplicate: number; ignored: number; still_failing: number };
type Actions = {
  replay: (intakeId: string) => Promise<ActionResult<ReplayResult>>;
  replayAll: (filter: Record<string, unknown>) => Promise<ActionResult<BulkResult>>;
};

const OUTCOME_VARIANT: Record<IntakeOutcome, "default" | "secondary" | "destructive" | "outline"> = {
  accepted: "default",
  duplicate: "secondary",
  ignored: "outline",
  rejected: "destructive",
  unauthorized: "destructive",
  failed: "destructive",
};
const RANGES = [
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
] as const;

function useFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, start] = useTransition();
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    start(() => router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false }));
  };
  return { params, set, pending };
}

export function IntakeFilters({ sources }: { sources: { id: string; name: string }[] }) {
  const { params, set, pending } = useFilters();
  const [q, setQ] = useState(params.get("q") ?? "");
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters" aria-busy={pending}>
      <div className="grid gap-1.5">
        <Label htmlFor="intake-source">Source</Label>
        <NativeSelect id="intake-source" value={params.get("source") ?? ""} onChange={(e) => set({ source: e.target.value || null })}>
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="intake-outcome">Outcome</Label>
        <NativeSelect id="intake-outcome" value={params.get("outcome") ?? ""} onChange={(e) => set({ outcome: e.target.value || null })}>
          <option value="">All outcomes</option>
          {INTAKE_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="intake-range">Time</Label>
        <NativeSelect id="intake-range" value={params.get("range") ?? "7d"} onChange={(e) => set({ range: e.target.value === "7d" ? null : e.target.value })}>
          {RANGES.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <form
        className="grid gap-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: q.trim() || null });
        }}
      >
        <Label htmlFor="intake-q">Order ref or delivery id</Label>
        <Input id="intake-q" value={q} onChange={(e) => setQ(e.target.value)} className="w-56" placeholder="#1042" />
      </form>
      {params.size ? (
        <Button variant="ghost" onClick={() => (setQ(""), set({ source: null, outcome: null, range: null, q: null, reason: null }))}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}

/** Open failures grouped by reason, most orders affected first, each with "replay these". */
export function FailureGroups({ groups, actions, range }: { groups: FailureGroupItem[]; actions: Actions; range: string }) {
  const bulk = useActionMutation(actions.replayAll, {
    onSuccess: (r) => toast.success(`Replayed ${r.replayed}: ${r.accepted} accepted, ${r.duplicate} already there, ${r.still_failing} still failing.`),
    onError: (e) => toast.error(e.message),
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Failures to fix</CardTitle>
        <CardDescription>Open failures, grouped by reason: the ones that hold up the most orders first. Fix the cause (mapping, phone settings, secret), then replay.</CardDescription>
      </CardHeader>
      <CardContent>
        {groups.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="no-open-failures">
            No open failures.
          </p>
        ) : (
          <Table data-testid="failure-groups">
            <TableHeader>
              <TableRow>
                <TableHead>Reason</TableHead>
                <TableHead>Source</TableHead>
                <TableHead className="text-right">Orders</TableHead>
                <TableHead className="text-right">Requests</TableHead>
                <TableHead>Last</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {groups.map((g) => (
                <TableRow key={`${g.source_id}-${g.outcome}-${g.reason_code}`}>
                  <TableCell className="max-w-md whitespace-normal">
                    <Badge variant="destructive">{g.reason_code ?? g.outcome}</Badge> <span className="text-sm">{g.reason}</span>
                  </TableCell>
                  <TableCell>{g.source_name}</TableCell>
                  <TableCell className="text-right tabular-nums">{g.orders_affected}</TableCell>
                  <TableCell className="text-right tabular-nums">{g.count}</TableCell>
                  <TableCell className="text-xs">{new Date(g.last_seen_at).toLocaleString()}</TableCell>
                  <TableCell>
                    {g.replayable > 0 ? (
                      <Button size="sm" variant="outline" disabled={bulk.isPending} onClick={() => bulk.mutate({ source: g.source_id, reason: g.reason_code ?? undefined, range })}>
                        <RotateCcw aria-hidden /> Replay {g.replayable}
                      </Button>
                    ) : (
                      <span className="text-xs text-muted-foreground">{g.outcome === "unauthorized" ? "Not kept: fix the secret; the channel retries" : "Nothing to replay"}</span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

type Detail = IntakeEntryItem & { verified: boolean; headers: Record<string, string>; body: string | null };

export function IntakeEntries({ entries, actions }: { entries: IntakeEntryItem[]; actions: Actions }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const replay = useActionMutation(actions.replay, {
    onSuccess: (r) => (r.outcome === "accepted" ? toast.success("Replayed: the order was created.") : toast.message(`Replayed: ${r.outcome}. ${r.reason ?? ""}`)),
    onError: (e) => toast.error(e.message),
  });
  async function open(id: string) {
    const res = await fetch(`/api/v1/intake-log/${encodeURIComponent(id)}`);
    if (res.ok) setDetail((await res.json()) as Detail);
    else toast.error("Could not load that intake.");
  }
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No requests match these filters.</p>;
  return (
    <>
      <Table data-testid="intake-entries">
        <TableHeader>
          <TableRow>
            <TableHead>Received</TableHead>
            <TableHead>Source</TableHead>
            <TableHead>Outcome</TableHead>
            <TableHead>Order</TableHead>
            <TableHead>Reason</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((e) => (
            <TableRow key={e.id} data-testid={`intake-${e.id}`}>
              <TableCell className="text-xs">{new Date(e.received_at).toLocaleString()}</TableCell>
              <TableCell>{e.source_name}</TableCell>
              <TableCell>
                <Badge variant={OUTCOME_VARIANT[e.outcome]}>{e.outcome}</Badge>
                {e.replay_count ? <span className="ml-1 text-xs text-muted-foreground">replayed {e.replay_count}×</span> : null}
              </TableCell>
              <TableCell className="font-mono text-xs">
                {e.order_id ? (
                  <Link className="underline" href={`/orders/${e.order_id}`}>
                    {e.order_ref ?? e.order_id}
                  </Link>
                ) : (
                  (e.order_ref ?? "—")
                )}
              </TableCell>
              <TableCell className="max-w-sm whitespace-normal text-xs">{e.reason ?? ""}</TableCell>
              <TableCell className="flex gap-2">
                <Button size="sm" variant="ghost" onClick={() => open(e.id)}>
                  View
                </Button>
                {e.replayable ? (
                  <Button size="sm" variant="outline" disabled={replay.isPending} onClick={() => replay.mutate(e.id)}>
                    <RotateCcw aria-hidden /> Replay
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={detail !== null} onOpenChange={(o) => (o ? null : setDetail(null))}>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
          {detail ? (
            <>
              <DialogHeader>
                <DialogTitle>
                  {detail.source_name}: {detail.outcome}
                </DialogTitle>
                <DialogDescription>
                  {new Date(detail.received_at).toLocaleString()} · {detail.topic ?? "no topic"} · delivery {detail.delivery_id ?? "—"} · {detail.verified ? "signature verified" : "signature not verified"}
                </DialogDescription>
              </DialogHeader>
              {detail.reason ? <p className="text-sm">{detail.reason}</p> : null}
              <h3 className="text-sm font-medium">Headers</h3>
              <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{Object.entries(detail.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
              <h3 className="text-sm font-medium">Body</h3>
              <pre className="max-h-96 overflow-auto rounded bg-muted p-2 text-xs">{detail.body ?? "(not kept: the signature did not verify)"}</pre>
            </>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
