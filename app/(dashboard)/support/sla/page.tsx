import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getSlaReport } from "@/lib/sla/report";
import { isSlaRange } from "@/lib/sla/targets";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SlaPartnerTable } from "@/components/sla/sla-partner-table";
import { SlaRangeTabs } from "@/components/sla/sla-range-tabs";
import { SlaSection } from "@/components/sla/sla-section";

export const metadata: Metadata = { title: "SLA" };

type Props = { searchParams: Promise<{ range?: string }> };

export default async function SupportSlaPage({ searchParams }: Props) {
  if ((await getSessionUser())?.role !== "support") notFound();
  const asked = (await searchParams).range;
  const range = isSlaRange(asked) ? asked : "24h";
  const report = await getSlaReport({ range });
  const nowMs = new Date(report.to).getTime();
  return (
    <>
      <PageHeader title="SLA" description="The promises the product makes to partners, measured: status change to partner in under 90 s, over 99.5 % of events delivered." />
      <div className="grid gap-6">
        <SlaSection
          title="All partners"
          range={range}
          from={report.from}
          figures={report.overall}
          series={report.series}
          grain={report.grain}
          nowMs={nowMs}
          tabs={<SlaRangeTabs current={range} param="range" basePath="/support/sla" />}
        />
        <Card>
          <CardHeader>
            <CardTitle>Per partner</CardTitle>
            <CardDescription>Same window and definitions. Dead-letters open counts every one still waiting, whenever it happened.</CardDescription>
          </CardHeader>
          <CardContent>
            <SlaPartnerTable rows={report.partners} nowMs={nowMs} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
