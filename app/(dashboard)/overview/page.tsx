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

export const metadata: Metadata = { title: "Overview" };

const loadSearchParams = createLoader({ range: healthRangeParser });

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const scope = await requirePageScope();
  const { range } = await loadSearchParams(searchParams);
  const [partner, counts, health, checklist] = await Promise.all([
    getPartner(scope.partnerId),
    getOrderStatusCounts(scope.partnerId),
    getHealthReport(scope.partnerId, range),
    getOnboardingChecklist(scope.partnerId),
  ]);
  return (
    <>
      <PageHeader title="Overview" description={`${partner?.name ?? ""}: orders by current status.`} />
      {checklist.show ? <OnboardingChecklist {...checklist} /> : null}
      <OrderStatusCards counts={counts} />
      <EndpointHealthSection partnerId={scope.partnerId} initialReport={health} />
    </>
  );
}
