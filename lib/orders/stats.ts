import "server-only";
import { db } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";

export async function getOrderStatusCounts(partnerId: string): Promise<Record<OrderStatus, number>> {
  const rows = await db.order.groupBy({ by: ["status"], where: { partnerId }, _count: { _all: true } });
  const counts: Record<OrderStatus, number> = { confirmed: 0, out_for_delivery: 0, delivered: 0, delivery_failed: 0, return_initiated: 0 };
  for (const row of rows) counts[row.status] = row._count._all;
  return counts;
}
