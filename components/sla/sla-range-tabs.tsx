import Link from "next/link";
import { cn } from "@/lib/utils";
import { SLA_RANGE_LABEL, SLA_RANGES, type SlaRange } from "@/lib/sla/targets";

/** 24 h / 7 d / 30 d as links, so the range lives in the URL (`param`). */
export function SlaRangeTabs({ current, param, basePath, otherParams = {} }: { current: SlaRange; param: string; basePath: string; otherParams?: Record<string, string> }) {
  return (
    <nav aria-label="SLA range" className="inline-flex rounded-md border p-0.5 text-sm">
      {SLA_RANGES.map((range) => {
        const query = new URLSearchParams({ ...otherParams, [param]: range });
        return (
          <Link
            key={range}
            href={`${basePath}?${query}`}
            aria-current={range === current ? "page" : undefined}
            className={cn("rounded px-3 py-1 text-muted-foreground hover:text-foreground", range === current && "bg-accent font-medium text-accent-foreground")}
          >
            {SLA_RANGE_LABEL[range]}
          </Link>
        );
      })}
    </nav>
  );
}
