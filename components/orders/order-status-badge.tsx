import { STATUS_LABELS, type OrderStatus } from "@/lib/events/catalog";
import { Badge } from "@/components/ui/badge";

const VARIANT: Record<OrderStatus, "secondary" | "default" | "success" | "destructive" | "warning"> = {
  confirmed: "secondary",
  out_for_delivery: "default",
  delivered: "success",
  delivery_failed: "destructive",
  return_initiated: "warning",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge variant={VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}
