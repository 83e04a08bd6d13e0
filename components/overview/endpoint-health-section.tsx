"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useQueryState } from "nuqs";
import { Activity, Send, Webhook } from "lucide-react";
import { AttemptsChart } from "@/components/charts/attempts-chart";
import { EndpointHealthCard } from "@/components/overview/endpoint-health-card";
import { HealthSummary } from "@/components/overview/health-summary";
import { DateTime } from "@/components/ui/date-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { HEALTH_RANGES, RANGE_SPECS, healthRangeParser, type HealthRange } from "@/lib/health/range";
import type { HealthReport } from "@/lib/health/api-shape";
import { HEALTH_REFRESH_MS, healthQueryOptions } from "@/lib/query/health";

/**
 * Endpoint health on the Overview. The server renders the first report; the browser keeps it
 * fresh by polling GET /api/v1/health, and the 24 h / 7 d choice lives in the URL (?range=).
 */
export function EndpointHealthSection({ partnerId, initialReport }: { partnerId: string; initialReport: HealthReport }) {
  const [range, setRange] = useQueryState("range", healthRangeParser);
  const { data, error, isPlaceholderData } = useQuery({
    ...healthQueryOptions(partnerId, range),
    initialData: range === initialReport.range ? initialReport : undefined,
    initialDataUpdatedAt: Date.parse(initialReport.generated_at),
    placeholderData: keepPreviousData,
  });
  const report = data ?? initialReport;
  const spec = RANGE_SPECS[range];

  return (
    <section aria-labelledby="health-heading" className="mt-10 grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="health-heading" className="text-lg font-semibold">
            Webhook health
          </h2>
          <p className="text-sm text-muted-foreground">
            Delivery attempts to your endpoints. Test sends are not counted.{" "}
            <span data-testid="health-updated">
              Updated <DateTime iso={report.generated_at} seconds />, refreshes every {HEALTH_REFRESH_MS / 1000} s
              {isPlaceholderData ? " (loading…)" : ""}.
            </span>
          </p>
          {error ? <p className="text-sm text-destructive">Could not refresh: {error.message} Showing the last figures we had.</p> : null}
        </div>
        <Tabs value={range} onValueChange={(v) => void setRange(v as HealthRange)}>
          <TabsList aria-label="Time range">
            {HEALTH_RANGES.map((r) => (
              <TabsTrigger key={r} value={r}>
                {RANGE_SPECS[r].label}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
      </div>
      <HealthBody report={report} range={range} rangeLabel={spec.label} rangeShort={spec.short} />
    </section>
  );
}

function HealthBody({ report, range, rangeLabel, rangeShort }: { report: HealthReport; range: HealthRange; rangeLabel: string; rangeShort: string }) {
  if (report.endpoints.length === 0) {
    return (
      <EmptyState
        icon={<Webhook />}
        title="No endpoints yet"
        description="Add an HTTPS endpoint and Waypoint will send it a signed event for every order status change. Success rate, latency and failures show up here as soon as deliveries start."
        action={
          <Button asChild>
            <Link href="/endpoints">Add your first endpoint</Link>
          </Button>
        }
      />
    );
  }
  const { overall } = report;
  if (overall.attempts === 0 && overall.dead_lettered === 0) {
    return (
      <EmptyState
        icon={<Send />}
        title={`No deliveries in the ${rangeLabel.toLowerCase()}`}
        description="Send a test event to check that your endpoint answers and verifies the signature. Test sends are not counted here; figures appear once real order events are delivered."
        action={
          <Button asChild>
            <Link href="/endpoints">Send a test event</Link>
          </Button>
        }
      />
    );
  }
  return (
    <>
      <HealthSummary stats={overall} range={range} rangeShort={rangeShort} />
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2 text-base">
            <Activity className="size-4" aria-hidden /> Delivered vs failed attempts
          </CardTitle>
          <CardDescription>All endpoints, {rangeLabel.toLowerCase()}.</CardDescription>
        </CardHeader>
        <CardContent>
          <AttemptsChart
            series={overall.series}
            bucketSeconds={report.bucket_seconds}
            height={220}
            label={`${overall.delivered} delivered and ${overall.failed} failed attempts in the ${rangeLabel.toLowerCase()}`}
          />
          {overall.last_error ? (
            <p className="mt-3 text-sm break-words" data-testid="health-last-error">
              <span className="text-muted-foreground">Newest error: </span>
              <DateTime iso={overall.last_error.at} className="font-medium" />
              <span className="text-muted-foreground"> · {report.endpoints.find((e) => e.endpoint_id === overall.last_error?.endpoint_id)?.url}</span>
              <span className="text-destructive"> · {overall.last_error.message}</span>
            </p>
          ) : null}
        </CardContent>
      </Card>
      <div className="grid gap-4">
        {report.endpoints.map((endpoint) => (
          <EndpointHealthCard key={endpoint.endpoint_id} endpoint={endpoint} bucketSeconds={report.bucket_seconds} rangeShort={rangeShort} />
        ))}
      </div>
    </>
  );
}
