"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, type ChartConfig } from "@/components/charts/chart-container";
import { formatShare, formatSlaLatency, SLA_TARGET_MS } from "@/lib/sla/targets";

export type SlaPointView = { start: string; delivered: number; withinTarget: number; deadLettered: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null };

const LATENCY: ChartConfig = {
  p50: { label: "p50", color: "var(--chart-2, #60a5fa)" },
  p95: { label: "p95", color: "var(--chart-1, #2563eb)" },
  p99: { label: "p99", color: "var(--chart-5, #9333ea)" },
};
const SHARES: ChartConfig = {
  within: { label: `Within ${SLA_TARGET_MS / 1000} s`, color: "var(--chart-1, #2563eb)" },
  eventual: { label: "Eventually delivered", color: "var(--success)" },
};

const tick = (grain: "hour" | "day") => (iso: string) => {
  const d = new Date(iso);
  return grain === "hour" ? d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) : d.toLocaleDateString(undefined, { day: "numeric", month: "short" });
};
const pct = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) / 100 : null);

function Tip({ active, payload, label, rows }: { active?: boolean; payload?: ReadonlyArray<{ dataKey?: unknown; value?: unknown }>; label?: unknown; rows: (key: string, value: unknown) => string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-32 gap-1 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{new Date(String(label)).toLocaleString()}</div>
      {payload.map((p) => (
        <div key={String(p.dataKey)} className="flex justify-between gap-3">
          <span className="text-muted-foreground">{String(p.dataKey)}</span>
          <span className="font-mono">{rows(String(p.dataKey), p.value)}</span>
        </div>
      ))}
    </div>
  );
}

/** Status change → delivery percentiles per period, and the two shares per period. */
export function SlaCharts({ series, grain }: { series: SlaPointView[]; grain: "hour" | "day" }) {
  const data = series.map((p) => ({
    start: p.start,
    p50: p.p50Ms,
    p95: p.p95Ms,
    p99: p.p99Ms,
    within: pct(p.withinTarget, p.delivered + p.deadLettered),
    eventual: pct(p.delivered, p.delivered + p.deadLettered),
  }));
  const lowest = Math.min(100, ...data.flatMap((d) => [d.within, d.eventual]).filter((v): v is number => v !== null));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="grid gap-2">
        <figcaption className="text-sm font-medium">Status change → delivery</figcaption>
        <ChartContainer config={LATENCY} height={220} role="img" aria-label="Latency percentiles from status change to delivery per period">
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="start" tickFormatter={tick(grain)} tickLine={false} axisLine={false} minTickGap={24} fontSize={11} />
            <YAxis tickFormatter={(v: number) => formatSlaLatency(v)} tickLine={false} axisLine={false} width={56} fontSize={11} />
            <Tooltip content={({ active, payload, label }) => <Tip active={active} payload={payload} label={label} rows={(_, v) => formatSlaLatency(typeof v === "number" ? v : null)} />} />
            {Object.keys(LATENCY).map((k) => (
              <Line key={k} dataKey={k} stroke={`var(--color-${k})`} dot={false} connectNulls isAnimationActive={false} strokeWidth={k === "p95" ? 2 : 1.5} />
            ))}
          </LineChart>
        </ChartContainer>
        <ChartLegend config={LATENCY} />
      </figure>
      <figure className="grid gap-2">
        <figcaption className="text-sm font-medium">Delivered within {SLA_TARGET_MS / 1000} s and eventually</figcaption>
        <ChartContainer config={SHARES} height={220} role="img" aria-label="Share delivered within the target and eventually delivered per period">
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="start" tickFormatter={tick(grain)} tickLine={false} axisLine={false} minTickGap={24} fontSize={11} />
            <YAxis domain={[Math.max(0, Math.floor(lowest) - 1), 100]} tickFormatter={(v: number) => `${v}%`} tickLine={false} axisLine={false} width={44} fontSize={11} />
            <ReferenceLine y={99.5} strokeDasharray="4 4" className="stroke-muted-foreground" />
            <Tooltip content={({ active, payload, label }) => <Tip active={active} payload={payload} label={label} rows={(_, v) => (typeof v === "number" ? formatShare(v, 100) : "—")} />} />
            {Object.keys(SHARES).map((k) => (
              <Line key={k} dataKey={k} stroke={`var(--color-${k})`} dot={false} connectNulls isAnimationActive={false} strokeWidth={2} />
            ))}
          </LineChart>
        </ChartContainer>
        <ChartLegend config={SHARES} />
      </figure>
    </div>
  );
}
