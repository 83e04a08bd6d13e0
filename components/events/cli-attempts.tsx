import { Terminal } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CliAttemptJson } from "@/lib/event-log/api-shape";
import { DateTime } from "@/components/ui/date-time";

/**
 * This event's forwards by `waypoint listen` sessions: a developer's terminal posting to their
 * local server. Shown apart from the deliveries and marked "CLI session": they are not endpoint
 * attempts and count in no health figure.
 */
export function CliAttempts({ attempts }: { attempts: CliAttemptJson[] }) {
  if (attempts.length === 0) return null;
  return (
    <section aria-label="CLI session attempts" className="grid gap-2 rounded-lg border p-4">
      <h2 className="flex items-center gap-2 text-sm font-medium">
        <Terminal aria-hidden className="size-4" /> CLI session (<code className="font-mono">waypoint listen</code>)
      </h2>
      <p className="text-xs text-muted-foreground">Forwarded by the CLI to a local server. Not an endpoint delivery: not retried, not counted in health.</p>
      <Table aria-label="CLI session attempt history">
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Session</TableHead>
            <TableHead>Forwarded to</TableHead>
            <TableHead>Result</TableHead>
            <TableHead className="text-right">Latency</TableHead>
            <TableHead>Error and response</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {attempts.map((a) => (
            <TableRow key={a.attempt_id} data-trigger="cli">
              <TableCell className="tabular-nums">
                <DateTime iso={a.started_at} seconds />
              </TableCell>
              <TableCell>
                <Badge variant="outline">CLI session</Badge> <span className="font-mono text-xs text-muted-foreground">{a.session_id}</span>
              </TableCell>
              <TableCell className="font-mono text-xs break-all whitespace-normal">{a.forward_to}</TableCell>
              <TableCell>
                <Badge variant={a.success ? "success" : "destructive"}>{a.status_code ? `HTTP ${a.status_code}` : "failed"}</Badge>
              </TableCell>
              <TableCell className="text-right tabular-nums">{a.latency_ms} ms</TableCell>
              <TableCell className="max-w-md whitespace-normal">
                {a.error_message ? <p className="text-sm">{a.error_message}</p> : null}
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
    </section>
  );
}
