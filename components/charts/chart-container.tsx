"use client";

import { useSyncExternalStore, type ComponentProps, type CSSProperties, type ReactElement, type ReactNode } from "react";
import { ResponsiveContainer } from "recharts";
import { cn } from "@/lib/utils";

/** Series key → its label and colour; colours become `--color-<key>` for the chart's fills. */
export type ChartConfig = Record<string, { label: string; color: string }>;

const noopSubscribe = () => () => {};

/**
 * shadcn-style chart frame. Recharts measures its parent, which is 0×0 during server
 * rendering, so the chart renders only in the browser, inside a box of fixed height that
 * holds the layout steady while it mounts.
 */
export function ChartContainer({
  config,
  height,
  className,
  style,
  children,
  ...props
}: Omit<ComponentProps<"div">, "children"> & { config: ChartConfig; height: number; children: ReactElement }) {
  const mounted = useSyncExternalStore(noopSubscribe, () => true, () => false);
  const vars = Object.fromEntries(Object.entries(config).map(([key, { color }]) => [`--color-${key}`, color]));
  return (
    <div data-slot="chart" className={cn("w-full text-xs", className)} style={{ height, ...vars, ...style } as CSSProperties} {...props}>
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

/** Tooltip body in the kit's look: the bucket label, then one row per series. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  config,
  formatLabel,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ dataKey?: unknown; name?: unknown; value?: unknown }>;
  label?: unknown;
  config: ChartConfig;
  formatLabel?: (label: unknown) => ReactNode;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="grid min-w-32 gap-1.5 rounded-lg border bg-background px-2.5 py-1.5 text-xs shadow-xl">
      <div className="font-medium">{formatLabel ? formatLabel(label) : String(label ?? "")}</div>
      {payload.map((item) => {
        const key = String(item.dataKey ?? item.name);
        return (
          <div key={key} className="flex items-center gap-2">
            <span className="size-2.5 shrink-0 rounded-[2px]" style={{ background: `var(--color-${key})` }} aria-hidden />
            <span className="text-muted-foreground">{config[key]?.label ?? key}</span>
            <span className="ml-auto font-mono font-medium tabular-nums">{Number(item.value ?? 0).toLocaleString()}</span>
          </div>
        );
      })}
    </div>
  );
}

/** A legend that does not depend on the chart having mounted. */
export function ChartLegend({ config, className }: { config: ChartConfig; className?: string }) {
  return (
    <ul className={cn("flex flex-wrap items-center gap-4 text-xs text-muted-foreground", className)}>
      {Object.entries(config).map(([key, { label, color }]) => (
        <li key={key} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-[2px]" style={{ background: color }} aria-hidden />
          {label}
        </li>
      ))}
    </ul>
  );
}
