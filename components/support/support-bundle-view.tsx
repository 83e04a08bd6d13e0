import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DeliveryStatusBadge } from "@/components/ui/status-badges";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/event-log/status";
import { formatSlaLatency } from "@/lib/sla/targets";
import type { SupportBundleView as Bundle } from "@/lib/support-bundle/schema";

type Delivery = NonNullable<Bundle["event"]>["deliveries"][number];
// A bundle is a file a partner may have attached: its status is checked before it is shown as one.
const isDeliveryStatus = (s: string): s is DeliveryStatus => (DELIVERY_STATUSES as readonly string[]).includes(s);

function Deliveries({ deliveries, endpoints }: { deliveries: Delivery[]; endpoints: Bundle["endpoints"] }) {
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">No deliveries.</p>;
  const urlOf = (id: string) => endpoints.find((e) => e.id === id)?.url ?? id;
  return (
    <Table aria-label="Deliveries and attempts">
      <TableHeader>
        <TableRow>
          <TableHead>Endpoint</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Attempts</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deliveries.map((d) => (
          <TableRow key={d.id}>
            <TableCell className="max-w-56 truncate font-mono text-xs">{urlOf(d.endpoint_id)}</TableCell>
            <TableCell>
              {isDeliveryStatus(d.status) ? <DeliveryStatusBadge status={d.status} /> : <Badge variant="outline">{d.status}</Badge>}
              {d.last_error ? <p className="mt-1 text-xs text-muted-foreground">{d.last_error}</p> : null}
            </TableCell>
            <TableCell className="text-xs">
              <ol className="grid gap-0.5">
                {d.attempts.map((a, i) => (
                  <li key={i}>
                    {a.started_at.replace("T", " ").slice(0, 19)} · {a.trigger} · {a.success ? "ok" : "failed"} {a.status_code ?? ""} · {a.latency_ms} ms{a.error_message ? ` · ${a.error_message}` : ""}
                  </li>
                ))}
              </ol>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A support bundle as support reads it: the target, every attempt, settings, health; then the raw JSON. */
export function SupportBundleView({ bundle }: { bundle: Bundle }) {
  const events = bundle.event ? [bundle.event] : (bundle.order?.events ?? []);
  return (
    <div className="grid gap-6" data-testid="support-bundle">
      <Card>
        <CardHeader>
          <CardTitle>
            {bundle.partner.name} <Badge variant="outline">{bundle.partner.tier}</Badge>
          </CardTitle>
          <CardDescription>
            {bundle.kind} {bundle.target_id} · bundle made {bundle.created_at.replace("T", " ").slice(0, 19)} UTC
            {bundle.order ? ` · order ${bundle.order.merchant_order_ref} (${bundle.order.status})` : ""}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm sm:grid-cols-4">
          <p>Attempts, 24 h: {bundle.health.overall?.attempts ?? 0}</p>
          <p>Success rate: {bundle.health.overall?.success_rate === null || !bundle.health.overall ? "—" : `${(bundle.health.overall.success_rate * 100).toFixed(1)} %`}</p>
          <p>p95 status → delivery, 24 h: {formatSlaLatency(bundle.sla_24h.p95Ms)}</p>
          <p>Dead-letters open: {bundle.sla_24h.deadLettersOpen}</p>
        </CardContent>
      </Card>
      {events.map((e) => (
        <Card key={e.id}>
          <CardHeader>
            <CardTitle className="text-base">
              {e.type} <span className="font-mono text-xs text-muted-foreground">{e.id}</span>
            </CardTitle>
            <CardDescription>occurred {e.occurred_at}</CardDescription>
          </CardHeader>
          <CardContent>
            <Deliveries deliveries={e.deliveries} endpoints={bundle.endpoints} />
          </CardContent>
        </Card>
      ))}
      {bundle.endpoint ? (
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Recent deliveries to this endpoint</CardTitle>
          </CardHeader>
          <CardContent>
            <Deliveries deliveries={bundle.endpoint.recent_deliveries} endpoints={bundle.endpoints} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Endpoints (no secrets)</CardTitle>
        </CardHeader>
        <CardContent>
          <Table aria-label="Endpoint settings">
            <TableBody>
              {bundle.endpoints.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="font-mono text-xs">{e.url}</TableCell>
                  <TableCell>{e.enabled ? "enabled" : `disabled${e.disabled_reason ? `: ${e.disabled_reason}` : ""}`}</TableCell>
                  <TableCell>
                    {e.schema_version} · {e.format}
                  </TableCell>
                  <TableCell className="text-xs">{e.event_types.join(", ")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <details className="rounded-md border p-4">
        <summary className="cursor-pointer text-sm font-medium">Raw JSON</summary>
        <pre className="mt-3 max-h-[32rem] overflow-auto text-xs">{JSON.stringify(bundle, null, 2)}</pre>
      </details>
    </div>
  );
}
