import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type Row = { partnerId: string; name: string; tier: string; endpoints: { id: string; url: string; enabled: boolean }[]; lastNotice: { milestoneDays: number; sentAt: Date } | null };

/** Partners with endpoints still on payload v1, and the last end-of-support notice they got. */
export function V1PartnersTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No partner receives payload v1 any more.</p>;
  return (
    <Table aria-label="Partners still on v1">
      <TableHeader>
        <TableRow>
          <TableHead>Partner</TableHead>
          <TableHead>Endpoints on v1</TableHead>
          <TableHead>Last notice</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.partnerId} data-testid={`v1-partner-${r.partnerId}`}>
            <TableCell className="font-medium">
              {r.name} <Badge variant="outline">{r.tier}</Badge>
            </TableCell>
            <TableCell className="font-mono text-xs">
              {r.endpoints.map((e) => (
                <div key={e.id}>
                  {e.url}
                  {e.enabled ? "" : " (disabled)"}
                </div>
              ))}
            </TableCell>
            <TableCell className="text-xs">{r.lastNotice ? `${r.lastNotice.milestoneDays}-day notice, ${r.lastNotice.sentAt.toISOString().slice(0, 10)}` : "none yet"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
