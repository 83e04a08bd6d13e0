import { ScrollText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DateTime } from "@/components/ui/date-time";
import type { AuditLogRow as AuditLogEntry } from "@/lib/audit/queries";

// Known actions in the product's words; anything newer falls back to its verb.noun spelled out.
const ACTION_LABELS: Record<string, string> = {
  "api_key.created": "Created API key",
  "api_key.revoked": "Revoked API key",
  "retry_policy.updated": "Changed retry policy",
  "endpoint.created": "Added endpoint",
  "endpoint.updated": "Edited endpoint",
  "endpoint.deleted": "Deleted endpoint",
  "endpoint.disabled": "Disabled endpoint",
  "endpoint.enabled": "Enabled endpoint",
  "endpoint.secret_revealed": "Revealed signing secret",
  "endpoint.secret_rotated": "Rotated signing secret",
  "endpoint.test_sent": "Sent test event",
  "delivery.retried": "Retried delivery",
  "deliveries.bulk_retried": "Retried failed deliveries",
  "endpoint.auto_disabled": "Disabled endpoint automatically",
};

const TARGET_LABELS: Record<string, string> = {
  partner_api_key: "Partner API key",
  ingest_api_key: "Ingest key",
  partner: "Partner settings",
  endpoint: "Endpoint",
  delivery: "Delivery",
};

const spell = (code: string) => {
  const words = code.replace(/[._]/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Who did what to this partner's account, newest first; support staff's actions marked. */
export function AuditLogTable({ entries, limit }: { entries: AuditLogEntry[]; limit: number }) {
  return (
    <Card aria-labelledby="audit-heading" role="region">
      <CardHeader>
        <CardTitle id="audit-heading">Audit log</CardTitle>
        <CardDescription>The last {limit} changes to this account, including those Waypoint support made on your behalf.</CardDescription>
      </CardHeader>
      <CardContent>
        {entries.length === 0 ? (
          <EmptyState icon={<ScrollText />} title="Nothing recorded yet" description="Changes to endpoints, API keys and the retry policy are listed here with who made them and when." />
        ) : (
          <Table aria-label="Audit log">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>What</TableHead>
                <TableHead>Target</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="whitespace-nowrap">
                    <DateTime iso={e.at} seconds />
                  </TableCell>
                  <TableCell>
                    <span className="block">{e.actorName ?? e.actorEmail}</span>
                    <span className="block text-xs text-muted-foreground">{e.actorName ? e.actorEmail : null}</span>
                    {e.bySupport ? (
                      <Badge variant="outline" className="mt-1">
                        by Waypoint support
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>{ACTION_LABELS[e.action] ?? spell(e.action)}</TableCell>
                  <TableCell>
                    <span className="block">{TARGET_LABELS[e.targetType] ?? spell(e.targetType)}</span>
                    {e.targetName ? <span className="block max-w-72 truncate text-xs text-muted-foreground">{e.targetName}</span> : null}
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
