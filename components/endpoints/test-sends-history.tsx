import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EVENT_LABELS } from "@/lib/events/catalog";
import type { TestSendSummary } from "@/lib/endpoints/view";
import { DateTime } from "@/components/ui/date-time";

export function TestSendsHistory({ sends }: { sends: TestSendSummary[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent test events</CardTitle>
        <CardDescription>The latest test sends to this endpoint, by anyone on your team or a partner API key.</CardDescription>
      </CardHeader>
      <CardContent>
        {sends.length === 0 ? (
          <p className="text-sm text-muted-foreground">No test events yet. Send one above to check that your endpoint answers 2xx and verifies the signature.</p>
        ) : (
          <Table aria-label="Recent test events">
            <TableHeader>
              <TableRow>
                <TableHead>Sent</TableHead>
                <TableHead>Event</TableHead>
                <TableHead>Result</TableHead>
                <TableHead>Latency</TableHead>
                <TableHead>By</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sends.map((s) => (
                <TableRow key={s.id}>
                  <TableCell className="text-sm">
                    <DateTime iso={s.sentAt} />
                  </TableCell>
                  <TableCell>{s.eventType ? EVENT_LABELS[s.eventType] : "—"}</TableCell>
                  <TableCell className="max-w-md whitespace-normal">
                    <Badge variant={s.success ? "success" : "destructive"}>{s.statusCode ? `HTTP ${s.statusCode}` : s.success ? "Acknowledged" : "No answer"}</Badge>
                    {!s.success && s.errorMessage ? <p className="mt-1 text-xs text-muted-foreground">{s.errorMessage}</p> : null}
                  </TableCell>
                  <TableCell className="tabular-nums">{s.latencyMs} ms</TableCell>
                  <TableCell className="text-sm text-muted-foreground">{s.by ?? "API key"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
