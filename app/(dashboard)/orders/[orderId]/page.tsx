import type { Metadata } from "next";
import { SOURCE_TYPE_LABELS, type OrderSourceType } from "@/lib/intake/rules";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { requirePageScope } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getOrderDetail } from "@/lib/orders/get-order-detail";
import { PageHeader } from "@/components/layout/page-header";
import { SupportBundleButtons } from "@/components/support/support-bundle-buttons";
import { createSupportBundleAction } from "../../_actions/create-support-bundle";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyTrackingLink } from "@/components/orders/copy-tracking-link";
import { OrderSms } from "@/components/orders/order-sms";
import { OrderStatusBadge } from "@/components/ui/status-badges";
import { OrderTimeline } from "@/components/orders/order-timeline";
import { OrderWebhooks } from "@/components/orders/order-webhooks";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ orderId: string }> }) {
  const scope = await requirePageScope();
  const { orderId } = await params;
  // Another partner's order is answered exactly like one that does not exist.
  const order = await getOrderDetail(scope.partnerId, orderId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });

  return (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-2">
        <Link href="/orders">
          <ArrowLeft className="size-4" aria-hidden /> Orders
        </Link>
      </Button>
      <PageHeader
        title={`Order ${order.merchantOrderRef}`}
        description={
          <>
            {order.customerName} · {order.phoneIssue ? `phone not usable (${order.phoneIssue}), no SMS` : (order.customerPhoneMasked ?? "")} · created <DateTime iso={order.createdAt} />
            {order.source === "api" ? "" : ` · from ${SOURCE_TYPE_LABELS[order.source as OrderSourceType] ?? order.source}`}
          </>
        }
        actions={
          <div className="grid justify-items-end gap-2">
            <OrderStatusBadge status={order.status} />
            <SupportBundleButtons kind="order" id={order.id} create={createSupportBundleAction} />
          </div>
        }
      />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[2fr_3fr]">
        <Card>
          <CardHeader>
            <CardTitle>Timeline</CardTitle>
            <CardDescription>Now: {order.statusLabel}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <OrderTimeline steps={order.timeline} />
            <CopyTrackingLink url={order.trackingUrl} trackingEnabled={order.trackingEnabled} />
          </CardContent>
        </Card>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>SMS to the customer</CardTitle>
            </CardHeader>
            <CardContent>
              <OrderSms rows={order.sms} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Webhooks</CardTitle>
              <CardDescription>Each event of this order, per endpoint.</CardDescription>
            </CardHeader>
            <CardContent>
              <OrderWebhooks rows={order.webhooks} />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
