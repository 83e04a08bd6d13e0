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

export const metadata: Metadata = { title: "Overview" };

const loadSearchParams = createLoader({ range: healthRangeParser });

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const scope = await requirePageScope();
  const { range } = await loadSearchParams(searchParams);
  const [partner, counts, health] = await Promise.all([
    getPartner(scope.partnerId),
    getOrderStatusCounts(scope.partnerId),
    getHealthReport(scope.partnerId, range),
  ]);
  return (
    <>
      <PageHeader title="Overview" description={`${partner?.name ?? ""}: orders by current status.`} />
      <OrderStatusCards counts={counts} />
      <EndpointHealthSection partnerId={scope.partnerId} initialReport={health} />
    </>
  );
}
