import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { slaCells, type SlaFiguresView } from "@/components/sla/sla-figures";
import { SLA_TARGET_MS } from "@/lib/sla/targets";

type Row = SlaFiguresView & { partnerId: string; name: string; tier: string };

const COLUMNS = [
  ["p50", "p50"],
  ["p95", "p95"],
  ["p99", "p99"],
  ["within-target", `≤ ${SLA_TARGET_MS / 1000} s`],
  ["eventual", "Eventually"],
  ["attempts-per", "Attempts / delivered"],
  ["delivered", "Delivered"],
  ["dead-open", "Dead-letters open"],
  ["dead-age", "Oldest waiting"],
] as const;

/** One row per partner; each cell carries data-testid sla-<partnerId>-<column> for the e2e test. */
export function SlaPartnerTable({ rows, nowMs }: { rows: Row[]; nowMs: number }) {
  return (
    <Table aria-label="SLA per partner">
      <TableHeader>
        <TableRow>
          <TableHead>Partner</TableHead>
          {COLUMNS.map(([key, label]) => (
            <TableHead key={key} className="text-right">
              {label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const cells = slaCells(r, nowMs);
          return (
            <TableRow key={r.partnerId} data-testid={`sla-row-${r.partnerId}`}>
              <TableCell className="font-medium">
                {r.name} <Badge variant="outline">{r.tier}</Badge>
              </TableCell>
              {COLUMNS.map(([key]) => (
                <TableCell key={key} className="text-right font-mono tabular-nums" data-testid={`sla-${r.partnerId}-${key}`}>
                  {cells[key]}
                </TableCell>
              ))}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
