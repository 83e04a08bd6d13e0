import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AttemptJson } from "@/lib/event-log/api-shape";
import { DateTime } from "@/components/ui/date-time";

function who(a: AttemptJson): string {
  if (a.trigger === "automatic") return "Automatic";
  if (a.trigger === "test") return "Test send";
  return a.triggered_by ? `Manual retry by ${a.triggered_by.name} (${a.triggered_by.email})` : "Manual retry (API key)";
}

/** Every attempt of one delivery, oldest first: the "full retry history" of the seeds. */
export function AttemptHistory({ attempts }: { attempts: AttemptJson[] }) {
  if (attempts.length === 0) return <p className="text-sm text-muted-foreground">No attempt yet. The first one is made as soon as the delivery engine picks it up.</p>;
  return (
    <Table aria-label="Attempt history">
      <TableHeader>
        <TableRow>
          <TableHead>#</TableHead>
          <TableHead>Time</TableHead>
          <TableHead>Trigger</TableHead>
          <TableHead>Result</TableHead>
          <TableHead className="text-right">Latency</TableHead>
          <TableHead>Error and response</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {attempts.map((a, i) => (
          <TableRow key={a.attempt_id} data-trigger={a.trigger}>
            <TableCell className="tabular-nums text-muted-foreground">{i + 1}</TableCell>
            <TableCell className="tabular-nums">
              <DateTime iso={a.started_at} seconds />
            </TableCell>
            <TableCell className="whitespace-normal">{who(a)}</TableCell>
            <TableCell>
              <Badge variant={a.success ? "success" : "destructive"}>
                {a.status_code ? `HTTP ${a.status_code}` : a.success ? "acknowledged" : (a.error_class ?? "failed")}
              </Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{a.latency_ms} ms</TableCell>
            <TableCell className="max-w-md whitespace-normal">
              {a.error_message ? <p className="text-sm">{a.error_message}</p> : null}
              {a.error_class ? <p className="text-xs text-muted-foreground">{a.error_class}</p> : null}
              {a.response_excerpt ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-muted-foreground">Response excerpt</summary>
                  <pre className="mt-1 max-h-48 overflow-auto rounded bg-muted p-2 text-xs whitespace-pre-wrap break-all">{a.response_excerpt}</pre>
                </details>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
