import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SlaCharts, type SlaPointView } from "@/components/sla/sla-charts";
import { SlaFigures, type SlaFiguresView } from "@/components/sla/sla-figures";
import { SLA_RANGE_LABEL, SLA_TARGET_MS, type SlaRange } from "@/lib/sla/targets";

export const SLA_DEFINITIONS = `Deliveries are one per event and endpoint, counted when their successful attempt started. Latency runs from the event's occurred_at to that attempt's answer; percentiles are nearest-rank, floored to 2 significant digits. Within ${SLA_TARGET_MS / 1000} s and eventually delivered are shares of settled deliveries: delivered, plus dead-lettered in the window and still open (retries in progress count once they settle).`;

/** The delivery promise, measured: range tabs, figures and charts (Overview for one partner; /support/sla for all). */
export function SlaSection(props: { title: string; range: SlaRange; from: string; figures: SlaFiguresView; series: SlaPointView[]; grain: "hour" | "day"; nowMs: number; tabs: ReactNode; testIdPrefix?: string }) {
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>{props.title}</CardTitle>
          <CardDescription>
            Last {SLA_RANGE_LABEL[props.range]}, since <time dateTime={props.from}>{new Date(props.from).toUTCString().replace(":00 GMT", " UTC")}</time>. {SLA_DEFINITIONS}
          </CardDescription>
        </div>
        {props.tabs}
      </CardHeader>
      <CardContent className="grid gap-6">
        <SlaFigures figures={props.figures} nowMs={props.nowMs} testIdPrefix={props.testIdPrefix} />
        <SlaCharts series={props.series} grain={props.grain} />
      </CardContent>
    </Card>
  );
}
