import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { STATUS_LABELS, ORDER_STATUSES, type OrderStatus } from "@/lib/events/catalog";

/** How many of the partner's orders are in each status right now. */
export function OrderStatusCards({ counts }: { counts: Record<OrderStatus, number> }) {
  return (
    <section aria-label="Orders by status" className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
      {ORDER_STATUSES.map((status) => (
        <Card key={status}>
          <CardHeader className="pb-2">
            <CardTitle className="text-sm font-medium text-muted-foreground">{STATUS_LABELS[status]}</CardTitle>
          </CardHeader>
          <CardContent className="text-3xl font-semibold tabular-nums" data-testid={`count-${status}`}>
            {counts[status].toLocaleString("en-IN")}
          </CardContent>
        </Card>
      ))}
    </section>
  );
}
