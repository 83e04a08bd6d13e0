import { NextResponse } from "next/server";
import { z } from "zod";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { ORDER_STATUSES } from "@/lib/events/catalog";
import { route } from "@/lib/http/route";
import { ingest, ingestResponse } from "@/lib/orders/ingest";
import { searchOrders } from "@/lib/orders/search-orders";

// POST /api/v1/orders: the OMS creates (confirms) an order. Ingest API key required.
export const POST = route(async (request) => ingestResponse(await ingest(request, { kind: "create" })));

const ListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

// GET /api/v1/orders?q=&status=&cursor=&limit=: the partner's orders, newest first (partner key
// or session). q matches the order ref, the phone's last digits, the name or the tracking token.
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const params = ListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await searchOrders(scope.partnerId, params);
  return NextResponse.json({
    orders: page.orders.map((o) => ({
      order_id: o.id,
      merchant_order_ref: o.merchantOrderRef,
      customer_name: o.customerName,
      customer_phone_masked: o.customerPhoneMasked,
      status: o.status,
      created_at: o.createdAt.toISOString(),
      updated_at: o.updatedAt.toISOString(),
    })),
    next_cursor: page.nextCursor,
  });
});
