import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NotBuiltYet } from "@/components/layout/not-built-yet";

export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <>
      <PageHeader title="Orders" description="Find any order and its timeline." />
      <NotBuiltYet feature="Orders" />
    </>
  );
}
