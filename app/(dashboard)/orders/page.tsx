import type { Metadata } from "next";
import { requirePageScope } from "@/lib/auth/session";
import { PageHeader } from "@/components/layout/page-header";
import { OrdersSearch } from "@/components/orders/orders-search";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage() {
  await requirePageScope();
  return (
    <>
      <PageHeader title="Orders" description="Find any order by its reference, the customer's phone or the tracking link, and see where it is." />
      <OrdersSearch />
    </>
  );
}
