import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ActionButton } from "@/components/actions/action-button";
import type { ActionResult } from "@/lib/actions/types";
import { incidentTarget, RULE_LABEL, type IncidentRule } from "@/lib/alerts/rules";

export type IncidentView = { id: string; rule: IncidentRule; status: "open" | "acknowledged" | "resolved"; endpointId: string; endpointUrl: string; summary: string; openedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null; resolvedAt: string | null; partnerName?: string };
type Acknowledge = (input: { id: string }) => Promise<ActionResult<{ id: string; status: string }>>;

const STATUS = { open: { label: "Open", variant: "destructive" }, acknowledged: { label: "Acknowledged", variant: "warning" }, resolved: { label: "Resolved", variant: "success" } } as const;
const when = (iso: string | null) => (iso ? new Date(iso).toUTCString().replace(" GMT", " UTC") : "—");

/** Incidents, open first; "Acknowledge" on open ones when the viewer may. An order source links to its failures (not across partners: support's console). */
export function IncidentsTable({ incidents, acknowledge, showPartner = false }: { incidents: IncidentView[]; acknowledge: Acknowledge | null; showPartner?: boolean }) {
  if (incidents.length === 0) return <p className="text-sm text-muted-foreground">No incidents. Alert rules are watching every endpoint and order source.</p>;
  return (
    <Table aria-label="Incidents">
      <TableHeader>
        <TableRow>
          {showPartner ? <TableHead>Partner</TableHead> : null}
          <TableHead>Rule</TableHead>
          <TableHead>Endpoint or source</TableHead>
          <TableHead>State</TableHead>
          <TableHead>What happened</TableHead>
          <TableHead>Opened</TableHead>
          <TableHead>Resolved</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {incidents.map((i) => (
          <TableRow key={i.id} data-testid={`incident-${i.id}`}>
            {showPartner ? <TableCell>{i.partnerName}</TableCell> : null}
            <TableCell className="font-medium">{RULE_LABEL[i.rule]}</TableCell>
            <TargetCell incident={i} link={!showPartner} />
            <TableCell>
              <Badge variant={STATUS[i.status].variant}>{STATUS[i.status].label}</Badge>
              {i.acknowledgedBy ? <p className="mt-1 text-xs text-muted-foreground">by {i.acknowledgedBy}</p> : null}
            </TableCell>
            <TableCell className="max-w-96 text-sm">{i.summary}</TableCell>
            <TableCell className="text-xs">{when(i.openedAt)}</TableCell>
            <TableCell className="text-xs">{when(i.resolvedAt)}</TableCell>
            <TableCell className="text-right">
              {acknowledge && i.status === "open" ? <ActionButton size="sm" variant="outline" action={acknowledge} input={{ id: i.id }} label="Acknowledge" success="Acknowledged: no more reminders for this incident." /> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function TargetCell({ incident, link }: { incident: IncidentView; link: boolean }) {
  const target = incidentTarget(incident);
  if (target.kind === "endpoint") return <TableCell className="max-w-56 truncate font-mono text-xs">{target.label}</TableCell>;
  return (
    <TableCell className="max-w-56 truncate text-sm" title={target.label}>
      {link ? (
        <Link className="underline" href={target.href}>
          {target.label}
        </Link>
      ) : (
        target.label
      )}
    </TableCell>
  );
}
