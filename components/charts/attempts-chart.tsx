"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartTooltipContent, type ChartConfig } from "@/components/charts/chart-container";

export type AttemptsBucket = { start: string; delivered: number; failed: number };

const CONFIG: ChartConfig = {
  delivered: { label: "Delivered", color: "var(--success)" },
  failed: { label: "Failed", color: "var(--destructive)" },
};

/**
 * Delivered vs failed webhook attempts per time bucket, stacked. Hours are shown for short
 * buckets, weekday + hour for long ones, both in the viewer's time zone.
 */
export function AttemptsChart({
  series,
  bucketSeconds,
  height = 200,
  label,
  compact = false,
}: {
  series: AttemptsBucket[];
  bucketSeconds: number;
  height?: number;
  /** Read by screen readers instead of the bars. */
  label: string;
  compact?: boolean;
}) {
  const tick = (iso: string) => formatBucket(iso, bucketSeconds, false);
  return (
    <figure className="grid gap-2">
      <ChartContainer config={CONFIG} height={height} role="img" aria-label={label}>
        <BarChart data={series} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap={2}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" className="stroke-border" />
          <XAxis dataKey="start" tickFormatter={tick} tickLine={false} axisLine={false} minTickGap={24} fontSize={11} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={compact ? 28 : 36} fontSize={11} />
          <Tooltip
            cursor={{ fillOpacity: 0.08 }}
            content={({ active, payload, label: bucket }) => (
              <ChartTooltipContent active={active} payload={payload} label={bucket} config={CONFIG} formatLabel={(l) => formatBucket(String(l), bucketSeconds, true)} />
            )}
          />
          <Bar dataKey="delivered" stackId="attempts" fill="var(--color-delivered)" isAnimationActive={false} />
          <Bar dataKey="failed" stackId="attempts" fill="var(--color-failed)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ChartContainer>
      {compact ? null : <ChartLegend config={CONFIG} />}
    </figure>
  );
}

function formatBucket(iso: string, bucketSeconds: number, long: boolean) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const hhmm = (d: Date) => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (long) {
    const day = date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
    return `${day}, ${hhmm(date)}–${hhmm(new Date(date.getTime() + bucketSeconds * 1000))}`;
  }
  return bucketSeconds <= 3_600 ? hhmm(date) : `${date.toLocaleDateString(undefined, { weekday: "short" })} ${hhmm(date)}`;
}
