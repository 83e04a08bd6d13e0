// Orders list for the browser: the wire schema of GET /api/v1/orders, its fetcher, and the
// query options that own the cache key. Browser-safe.
import { infiniteQueryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/events/catalog";

export const OrderListItemSchema = z.object({
  order_id: z.string(),
  merchant_order_ref: z.string(),
  customer_name: z.string(),
  customer_phone_masked: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export const OrderListSchema = z.object({ orders: z.array(OrderListItemSchema), next_cursor: z.string().nullable() });
export type OrderListItem = z.infer<typeof OrderListItemSchema>;
export type OrderList = z.infer<typeof OrderListSchema>;

export type OrdersFilter = { q: string; status: OrderStatus | null };

export async function fetchOrders(filter: OrdersFilter & { cursor: string | null }, signal?: AbortSignal): Promise<OrderList> {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.status) params.set("status", filter.status);
  if (filter.cursor) params.set("cursor", filter.cursor);
  const res = await fetch(`/api/v1/orders?${params}`, { signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `Could not load orders (HTTP ${res.status}).`);
  }
  return OrderListSchema.parse(body);
}

export const ordersKeys = {
  all: ["orders"] as const,
  list: (filter: OrdersFilter) => [...ordersKeys.all, "list", filter] as const,
};

export const ordersQueryOptions = (filter: OrdersFilter) =>
  infiniteQueryOptions({
    queryKey: ordersKeys.list(filter),
    queryFn: ({ pageParam, signal }) => fetchOrders({ ...filter, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
