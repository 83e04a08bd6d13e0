import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NotBuiltYet } from "@/components/layout/not-built-yet";
import { notFound } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Support" };

export default async function SupportPage() {
  // Partner users get the same answer as for a page that does not exist.
  if ((await getSessionUser())?.role !== "support") notFound();
  return (
    <>
      <PageHeader title="Support" description="Every partner, every failure, in one place." />
      <NotBuiltYet feature="Support" />
    </>
  );
}
