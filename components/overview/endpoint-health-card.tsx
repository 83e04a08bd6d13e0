import { AttemptsChart } from "@/components/charts/attempts-chart";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { formatCount, formatLatency, formatRate, rateTone, TONE_CLASS } from "@/components/overview/format";
import type { EndpointHealth } from "@/lib/health/api-shape";
import { cn } from "@/lib/utils";

/** One endpoint's health for the chosen window: figures, the newest error, a small chart. */
export function EndpointHealthCard({ endpoint, bucketSeconds, rangeShort }: { endpoint: EndpointHealth; bucketSeconds: number; rangeShort: string }) {
  const figures = [
    { label: "Success rate", value: formatRate(endpoint.success_rate), className: TONE_CLASS[rateTone(endpoint.success_rate)] },
    { label: "Delivered", value: formatCount(endpoint.delivered) },
    { label: "Failed", value: formatCount(endpoint.failed), className: endpoint.failed ? "text-destructive" : undefined },
    { label: "p95 latency", value: formatLatency(endpoint.p95_latency_ms) },
    { label: "Dead-lettered", value: formatCount(endpoint.dead_lettered), className: endpoint.dead_lettered ? "text-destructive" : undefined },
    { label: "Consecutive failures", value: formatCount(endpoint.consecutive_failures), className: endpoint.consecutive_failures ? "text-warning" : undefined },
  ];
  return (
    <Card aria-label={`Health of ${endpoint.url}`} role="region" className="gap-4">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2 text-base">
          <span className="truncate font-mono text-sm" title={endpoint.url}>
            {endpoint.url}
          </span>
          {endpoint.enabled ? null : (
            <Badge variant="warning" title={endpoint.disabled_reason ?? undefined}>
              Disabled
            </Badge>
          )}
          {endpoint.throttled ? (
            <Badge
              variant="warning"
              title={`${endpoint.throttled.answers} answers 429/503 in the last 15 minutes. Waypoint sends to this endpoint more slowly until it recovers, and retries no sooner than its Retry-After; nothing is dropped.`}
            >
              Throttled by the receiver
            </Badge>
          ) : null}
        </CardTitle>
        {endpoint.description ? <CardDescription>{endpoint.description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <div className="grid gap-3">
          <dl className="grid grid-cols-3 gap-x-4 gap-y-2">
            {figures.map((f) => (
              <div key={f.label}>
                <dt className="text-xs text-muted-foreground">{f.label}</dt>
                <dd className={cn("text-lg font-semibold tabular-nums", f.className)}>{f.value}</dd>
              </div>
            ))}
          </dl>
          <div className="text-sm">
            <span className="text-xs text-muted-foreground">Last error</span>
            {endpoint.last_error ? (
              <p className="break-words">
                <DateTime iso={endpoint.last_error.at} className="font-medium" />
                {endpoint.last_error.status_code ? <span className="text-muted-foreground"> · HTTP {endpoint.last_error.status_code}</span> : null}
                <span className="text-destructive"> · {endpoint.last_error.message}</span>
              </p>
            ) : (
              <p className="text-muted-foreground">No failed attempts in the last {rangeShort}.</p>
            )}
          </div>
        </div>
        <AttemptsChart
          compact
          height={140}
          series={endpoint.series}
          bucketSeconds={bucketSeconds}
          label={`${endpoint.url}: ${endpoint.delivered} delivered and ${endpoint.failed} failed attempts in the last ${rangeShort}`}
        />
      </CardContent>
    </Card>
  );
}
