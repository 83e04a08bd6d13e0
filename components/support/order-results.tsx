import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type Order = { id: string; merchantOrderRef: string; status: string; customerName: string; createdAt: Date; partner: { id: string; name: string } };
type Props = { query: string; orders: Order[]; openAction: (partnerId: string, path: string) => Promise<void> };

export function OrderResults({ query, orders, openAction }: Props) {
  if (!query) return null;
  if (orders.length === 0) return <p className="text-sm text-muted-foreground">No order matches “{query}” in any partner.</p>;
  return (
    <Table aria-label="Orders across partners">
      <TableHeader>
        <TableRow>
          <TableHead>Partner</TableHead>
          <TableHead>Order ref</TableHead>
          <TableHead>Customer</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Open</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((o) => (
          <TableRow key={o.id}>
            <TableCell>{o.partner.name}</TableCell>
            <TableCell className="font-mono text-xs">{o.merchantOrderRef}</TableCell>
            <TableCell>{o.customerName}</TableCell>
            <TableCell>
              <Badge variant="secondary">{o.status.replaceAll("_", " ")}</Badge>
            </TableCell>
            <TableCell className="text-right">
              <form action={openAction.bind(null, o.partner.id, `/orders/${o.id}`)}>
                <Button size="sm" variant="outline" type="submit" aria-label={`Open order ${o.merchantOrderRef}`}>
                  Open
                </Button>
              </form>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
