import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { findSupportBundleForSupport } from "@/lib/support-bundle/bundles";
import { SupportBundleSchema } from "@/lib/support-bundle/schema";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { SupportBundleView } from "@/components/support/support-bundle-view";
import { openPartnerPage } from "../../_actions/open-partner";

export const metadata: Metadata = { title: "Support bundle" };

// The page a support link opens: support staff only (anyone else gets the page-not-found answer).
export default async function SupportBundlePage({ params }: { params: Promise<{ bundleId: string }> }) {
  if ((await getSessionUser())?.role !== "support") notFound();
  const row = await findSupportBundleForSupport((await params).bundleId);
  if (!row) notFound();
  const parsed = SupportBundleSchema.safeParse(row.content);
  if (!parsed.success) notFound();
  const path = row.kind === "event" ? `/events/${row.targetId}` : row.kind === "order" ? `/orders/${row.targetId}` : `/endpoints/${row.targetId}`;
  return (
    <>
      <PageHeader
        title={`Support bundle: ${row.partner.name}`}
        description={`Made by ${row.createdBy} on ${row.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC. A snapshot: the live ${row.kind} may have moved on.`}
        actions={
          <div className="flex gap-2">
            <form action={openPartnerPage.bind(null, row.partnerId, path)}>
              <Button type="submit" variant="outline">
                Open the live {row.kind} as {row.partner.name}
              </Button>
            </form>
            <Button asChild variant="ghost">
              <Link href="/support/bundles">Another bundle</Link>
            </Button>
          </div>
        }
      />
      <SupportBundleView bundle={parsed.data} />
    </>
  );
}
