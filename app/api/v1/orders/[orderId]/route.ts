import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { getOrderForPartner } from "@/lib/orders/get-order";

// GET /api/v1/orders/{orderId}: one order and its event timeline (partner key or session).
export const GET = route<{ params: Promise<{ orderId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const order = await getOrderForPartner(scope.partnerId, (await params).orderId);
  return NextResponse.json({
    order_id: order.id,
    merchant_order_ref: order.merchantOrderRef,
    customer_id: order.customerId,
    status: order.status,
    // "api", or the order source's type (shopify, woocommerce, generic) for an order taken in by intake.
    source: order.source,
    // Set when a lenient order source accepted the order without a usable phone (no SMS is sent).
    phone_issue: order.phoneIssue,
    created_at: order.createdAt.toISOString(),
    events: order.events.map((e) => e.payload),
  });
});
