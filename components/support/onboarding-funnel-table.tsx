import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDuration } from "@/lib/onboarding/rules";

type Row = {
  id: string;
  name: string;
  tier: string;
  inviteSentAt: string | null;
  inviteAcceptedAt: string | null;
  checkPassedAt: string | null;
  firstDeliveryAt: string | null;
  durations: { toAccept: number | null; toCheck: number | null; toFirstDelivery: number | null; total: number | null };
};

const Stage = ({ at, after }: { at: string | null; after: number | null }) =>
  at ? (
    <span title={new Date(at).toLocaleString()}>
      ✓ <span className="text-muted-foreground">{after === null ? "" : `+${formatDuration(after)}`}</span>
    </span>
  ) : (
    <span className="text-muted-foreground">—</span>
  );

/** Invite sent → accepted → endpoint check passed → first live delivery, per partner. */
export function OnboardingFunnelTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No partners yet. Create the first one above.</p>;
  return (
    <Table aria-label="Onboarding funnel">
      <TableHeader>
        <TableRow>
          <TableHead>Partner</TableHead>
          <TableHead>Invite sent</TableHead>
          <TableHead>Accepted</TableHead>
          <TableHead>Endpoint check passed</TableHead>
          <TableHead>First live delivery</TableHead>
          <TableHead className="text-right">Invite → first verified delivery</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell className="font-medium">
              {r.name} <Badge variant="outline">{r.tier}</Badge>
            </TableCell>
            <TableCell>{r.inviteSentAt ? new Date(r.inviteSentAt).toLocaleDateString() : <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell><Stage at={r.inviteAcceptedAt} after={r.durations.toAccept} /></TableCell>
            <TableCell><Stage at={r.checkPassedAt} after={r.durations.toCheck} /></TableCell>
            <TableCell><Stage at={r.firstDeliveryAt} after={r.durations.toFirstDelivery} /></TableCell>
            <TableCell className="text-right tabular-nums" data-testid={`funnel-total-${r.name}`}>{formatDuration(r.durations.total)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
