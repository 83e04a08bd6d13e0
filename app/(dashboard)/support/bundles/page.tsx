import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/layout/page-header";
import { OpenBundle } from "@/components/support/open-bundle";

export const metadata: Metadata = { title: "Support bundles" };

export default async function SupportBundlesPage() {
  if ((await getSessionUser())?.role !== "support") notFound();
  return (
    <>
      <PageHeader title="Support bundles" description="What a partner attached to a ticket: an event, an endpoint or an order with every delivery and attempt, endpoint settings (no secrets) and the last 24 h of health." />
      <OpenBundle />
    </>
  );
}
