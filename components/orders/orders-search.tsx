"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { PackageSearch } from "lucide-react";
import Link from "next/link";
import { parseAsString, parseAsStringLiteral, useQueryState } from "nuqs";
import { useCallback } from "react";
import { ORDER_STATUSES } from "@/lib/events/catalog";
import { ordersQueryOptions } from "@/lib/query/orders";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { OrderStatusBadge } from "@/components/ui/status-badges";
import { OrdersFilters } from "@/components/orders/orders-filters";
import { DateTime } from "@/components/ui/date-time";

/** "Where is my order?": search and status live in the URL, so a search can be shared or reloaded. */
export function OrdersSearch() {
  const [q, setQ] = useQueryState("q", parseAsString.withDefault(""));
  const [status, setStatus] = useQueryState("status", parseAsStringLiteral(ORDER_STATUSES));
  const onSearch = useCallback((value: string) => void setQ(value || null), [setQ]);
  const query = useInfiniteQuery(ordersQueryOptions({ q, status }));
  const orders = query.data?.pages.flatMap((p) => p.orders) ?? [];

  return (
    <div className="grid gap-4">
      <OrdersFilters q={q} status={status} onSearch={onSearch} onStatus={(s) => void setStatus(s)} />
      {query.isPending ? (
        <div className="grid gap-2" aria-label="Loading orders">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : query.isError ? (
        <p className="text-sm text-destructive">{query.error.message}</p>
      ) : orders.length === 0 ? (
        <EmptyState
          icon={<PackageSearch aria-hidden />}
          title={q || status ? "No matching orders" : "No orders yet"}
          description={
            q || status
              ? "Try the order reference, the last 4 digits of the customer's phone, or paste the tracking link."
              : "Orders appear here as soon as your OMS sends them to Waypoint's machine API."
          }
        />
      ) : (
        <>
          <Table aria-label="Orders">
            <TableHeader>
              <TableRow>
                <TableHead>Order</TableHead>
                <TableHead>Customer</TableHead>
                <TableHead>Phone</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Last update</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {orders.map((o) => (
                <TableRow key={o.order_id}>
                  <TableCell>
                    <Link href={`/orders/${o.order_id}`} className="font-medium underline-offset-4 hover:underline">
                      {o.merchant_order_ref}
                    </Link>
                  </TableCell>
                  <TableCell>{o.customer_name}</TableCell>
                  <TableCell className="font-mono text-xs">{o.customer_phone_masked}</TableCell>
                  <TableCell>
                    <OrderStatusBadge status={o.status} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <DateTime iso={o.created_at} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <DateTime iso={o.updated_at} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {query.hasNextPage ? (
            <Button variant="outline" className="justify-self-center" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
