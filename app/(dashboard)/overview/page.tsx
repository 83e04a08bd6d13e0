import type { Metadata } from "next";
import { requirePageScope } from "@/lib/auth/session";
import { getOrderStatusCounts } from "@/lib/orders/stats";
import { getPartner } from "@/lib/partners/queries";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Overview" };

const LABELS = {
  confirmed: "Confirmed",
  out_for_delivery: "Out for delivery",
  delivered: "Delivered",
  delivery_failed: "Delivery failed",
  return_initiated: "Return initiated",
} as const;

export default async function OverviewPage() {
  const scope = await requirePageScope();
  const [partner, counts] = await Promise.all([getPartner(scope.partnerId), getOrderStatusCounts(scope.partnerId)]);
  return (
    <>
      <PageHeader title="Overview" description={`${partner?.name ?? ""}: orders by current status.`} />
      <section aria-label="Orders by status" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {Object.entries(LABELS).map(([status, label]) => (
          <Card key={status}>
            <CardHeader className="pb-2">
              <CardTitle className="text-sm font-medium text-muted-foreground">{label}</CardTitle>
            </CardHeader>
            <CardContent className="text-3xl font-semibold tabular-nums" data-testid={`count-${status}`}>
              {counts[status as keyof typeof LABELS].toLocaleString("en-IN")}
            </CardContent>
          </Card>
        ))}
      </section>
    </>
  );
}
