import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { EVENTUAL_TARGET, formatAge, formatAttemptsPer, formatShare, formatSlaLatency, SLA_TARGET_MS } from "@/lib/sla/targets";

/** The figures of one SLA report row, as tiles and table cells show them (browser-safe). */
export type SlaFiguresView = {
  delivered: number;
  withinTarget: number;
  attempts: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  deadLetteredInWindow: number;
  deadLettersOpen: number;
  oldestDeadLetterAt: string | null;
};

/** Every displayed value of a row, keyed as the page's test ids are (the e2e test reads them). */
export function slaCells(f: SlaFiguresView, nowMs: number) {
  const settled = f.delivered + f.deadLetteredInWindow;
  return {
    p50: formatSlaLatency(f.p50Ms),
    p95: formatSlaLatency(f.p95Ms),
    p99: formatSlaLatency(f.p99Ms),
    "within-target": formatShare(f.withinTarget, settled),
    eventual: formatShare(f.delivered, settled),
    "attempts-per": formatAttemptsPer(f.attempts, f.delivered),
    delivered: f.delivered.toLocaleString("en-IN"),
    "dead-open": f.deadLettersOpen.toLocaleString("en-IN"),
    "dead-age": f.oldestDeadLetterAt ? formatAge(nowMs - new Date(f.oldestDeadLetterAt).getTime()) : "—",
  };
}

const toneOf = (part: number, whole: number, target: number) => (whole === 0 ? undefined : part / whole >= target ? "text-success" : "text-destructive");

/** Headline tiles: latency percentiles, the two promises, attempts, open dead-letters. */
export function SlaFigures({ figures, nowMs, testIdPrefix = "sla" }: { figures: SlaFiguresView; nowMs: number; testIdPrefix?: string }) {
  const c = slaCells(figures, nowMs);
  const settled = figures.delivered + figures.deadLetteredInWindow;
  const tiles = [
    { key: "p50", label: "p50 status → delivery", value: c.p50, hint: "half were faster" },
    { key: "p95", label: "p95 status → delivery", value: c.p95, hint: `target under ${SLA_TARGET_MS / 1000} s`, className: figures.p95Ms === null ? undefined : figures.p95Ms <= SLA_TARGET_MS ? "text-success" : "text-destructive" },
    { key: "p99", label: "p99 status → delivery", value: c.p99, hint: "the slow tail" },
    { key: "within-target", label: `Delivered within ${SLA_TARGET_MS / 1000} s`, value: c["within-target"], hint: `of ${settled.toLocaleString("en-IN")} settled deliveries` },
    { key: "eventual", label: "Eventually delivered", value: c.eventual, hint: `target over ${(EVENTUAL_TARGET * 100).toFixed(1)} %`, className: toneOf(figures.delivered, settled, EVENTUAL_TARGET) },
    { key: "attempts-per", label: "Attempts per delivered event", value: c["attempts-per"], hint: `${c.delivered} delivered` },
    { key: "dead-open", label: "Dead-letters open", value: c["dead-open"], hint: figures.deadLettersOpen ? `oldest waiting ${c["dead-age"]}` : "none waiting", className: figures.deadLettersOpen ? "text-destructive" : undefined },
  ];
  return (
    <section aria-label="Delivery promise figures" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7">
      {tiles.map((t) => (
        <Card key={t.key} className="gap-2 py-4">
          <CardHeader className="px-4">
            <CardTitle className="text-sm font-medium text-muted-foreground">{t.label}</CardTitle>
          </CardHeader>
          <CardContent className="px-4">
            <p className={cn("text-2xl font-semibold tabular-nums", t.className)} data-testid={`${testIdPrefix}-${t.key}`}>
              {t.value}
            </p>
            <p className="text-xs text-muted-foreground">{t.hint}</p>
          </CardContent>
        </Card>
      ))}
    </section>
  );
}
