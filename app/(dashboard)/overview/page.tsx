import type { Metadata } from "next";
import { createLoader, type SearchParams } from "nuqs/server";
import { requirePageScope } from "@/lib/auth/session";
import { getHealthReport } from "@/lib/health/get-health-report";
import { healthRangeParser } from "@/lib/health/range";
import { getOrderStatusCounts } from "@/lib/orders/stats";
import { getPartner } from "@/lib/partners/queries";
import { PageHeader } from "@/components/layout/page-header";
import { EndpointHealthSection } from "@/components/overview/endpoint-health-section";
import { OrderStatusCards } from "@/components/overview/order-status-cards";
import { OnboardingChecklist } from "@/components/onboarding/onboarding-checklist";
import { getOnboardingChecklist } from "@/lib/onboarding/queries";
import { getSlaReport } from "@/lib/sla/report";
import { isSlaRange } from "@/lib/sla/targets";
import { SlaRangeTabs } from "@/components/sla/sla-range-tabs";
import { SlaSection } from "@/components/sla/sla-section";

export const metadata: Metadata = { title: "Overview" };

const loadSearchParams = createLoader({ range: healthRangeParser });

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const scope = await requirePageScope();
  const { range } = await loadSearchParams(searchParams);
  const asked = (await searchParams).sla;
  const slaRange = isSlaRange(asked) ? asked : "24h";
  const [partner, counts, health, checklist, sla] = await Promise.all([
    getPartner(scope.partnerId),
    getOrderStatusCounts(scope.partnerId),
    getHealthReport(scope.partnerId, range),
    getOnboardingChecklist(scope.partnerId),
    getSlaReport({ range: slaRange, partnerId: scope.partnerId }),
  ]);
  return (
    <>
      <PageHeader title="Overview" description={`${partner?.name ?? ""}: orders by current status.`} />
      {checklist.show ? <OnboardingChecklist {...checklist} /> : null}
      <OrderStatusCards counts={counts} />
      {health.endpoints.length > 0 ? (
        <div className="mt-6">
          <SlaSection
            title="Delivery promise"
            range={slaRange}
            from={sla.from}
            figures={sla.overall}
            series={sla.series}
            grain={sla.grain}
            nowMs={new Date(sla.to).getTime()}
            tabs={<SlaRangeTabs current={slaRange} param="sla" basePath="/overview" otherParams={{ range }} />}
          />
        </div>
      ) : null}
      <EndpointHealthSection partnerId={scope.partnerId} initialReport={health} />
    </>
  );
}
