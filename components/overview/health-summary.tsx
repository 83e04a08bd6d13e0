import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { formatCount, formatLatency, formatRate, rateTone, TONE_CLASS } from "@/components/overview/format";
import type { HealthRange } from "@/lib/health/range";
import type { HealthStats } from "@/lib/health/api-shape";

/** The partner's headline figures for the chosen window, across all endpoints. */
export function HealthSummary({ stats, range, rangeShort }: { stats: HealthStats; range: HealthRange; rangeShort: string }) {
  const tiles = [
    { key: "success-rate", label: "Success rate", value: formatRate(stats.success_rate), className: TONE_CLASS[rateTone(stats.success_rate)], hint: `${formatCount(stats.attempts)} attempts` },
    { key: "delivered", label: "Delivered attempts", value: formatCount(stats.delivered), hint: `last ${rangeShort}` },
    { key: "failed", label: "Failed attempts", value: formatCount(stats.failed), className: stats.failed ? "text-destructive" : undefined, hint: `last ${rangeShort}` },
    { key: "p95", label: "p95 latency", value: formatLatency(stats.p95_latency_ms), hint: "all attempts" },
    { key: "dead-lettered", label: "Dead-lettered", value: formatCount(stats.dead_lettered), className: stats.dead_lettered ? "text-destructive" : undefined, hint: "awaiting manual retry" },
    { key: "consecutive-failures", label: "Consecutive failures", value: formatCount(stats.consecutive_failures), className: stats.consecutive_failures ? "text-warning" : undefined, hint: "worst endpoint, since its last success" },
  ];
  return (
    <section aria-label="Webhook health summary" className="grid grid-cols-1 gap-4 sm:grid-cols-3 xl:grid-cols-6">
      {tiles.map((t) => (
        <Card key={t.key} className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-sm font-medium text-muted-foreground">{t.label}</CardTitle>
          </CardHeader>
          <CardContent className="px-4">
            <p className={cn("text-2xl font-semibold tabular-nums", t.className)} data-testid={`health-${t.key}`}>
              {t.value}
            </p>
            {t.key === "dead-lettered" && stats.dead_lettered > 0 ? (
              // The Event Log's own filter: the events a person has to retry by hand.
              <Link href={`/events?status=dead_lettered&range=${range}`} className="text-xs text-primary underline-offset-4 hover:underline">
                Retry in the Event Log
              </Link>
            ) : (
              <p className="text-xs text-muted-foreground">{t.hint}</p>
            )}
          </CardContent>
        </Card>
      ))}
    </section>
  );
}
