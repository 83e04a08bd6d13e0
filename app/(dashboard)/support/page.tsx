import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { findOrdersAcrossPartners } from "@/lib/support/find-orders";
import { listDeadLettersAcrossPartners } from "@/lib/support/dead-letters";
import { listEndpointsAcrossPartners } from "@/lib/support/endpoints-overview";
import { listOpenIncidentsAcrossPartners } from "@/lib/alerts/incidents";
import { formatSunsetDate } from "@/lib/sunset/policy";
import { listPartnersOnV1, v1SunsetDate } from "@/lib/sunset/v1";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { OrderResults } from "@/components/support/order-results";
import { DeadLetterTable } from "@/components/support/dead-letter-table";
import { SupportEndpointsTable } from "@/components/support/support-endpoints-table";
import { V1PartnersTable } from "@/components/support/v1-partners-table";
import { IncidentsTable } from "@/components/alerts/incidents-table";
import { acknowledgeIncidentAsSupport } from "./_actions/acknowledge-incident";
import { openPartnerPage } from "./_actions/open-partner";
import { retryDeadLettersAction } from "./_actions/retry-dead-letters";
import { reenableEndpointAction } from "./_actions/reenable-endpoint";

export const metadata: Metadata = { title: "Support" };

type Props = { searchParams: Promise<{ q?: string }> };

export default async function SupportPage({ searchParams }: Props) {
  // Partner users get the same answer as for a page that does not exist.
  if ((await getSessionUser())?.role !== "support") notFound();
  const q = String((await searchParams).q ?? "").slice(0, 100);
  const [orders, deadLetters, endpoints, incidents, onV1] = await Promise.all([
    findOrdersAcrossPartners(q),
    listDeadLettersAcrossPartners(),
    listEndpointsAcrossPartners(),
    listOpenIncidentsAcrossPartners(),
    listPartnersOnV1(),
  ]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <>
      <PageHeader
        title="Support"
        description="Every partner, every failure, in one place. Everything you do here is written to the partner's audit log."
        actions={
          <Button asChild variant="outline">
            <Link href="/support/sla">SLA: delivery promises, measured</Link>
          </Button>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Open incidents</CardTitle>
            <CardDescription>Alert rules firing right now, across partners. Support is mailed at the address in ALERT_SUPPORT_EMAIL.</CardDescription>
          </CardHeader>
          <CardContent>
            <IncidentsTable
              showPartner
              acknowledge={acknowledgeIncidentAsSupport}
              incidents={incidents.map((i) => ({ ...i, partnerName: i.partner.name, openedAt: i.openedAt.toISOString(), acknowledgedAt: iso(i.acknowledgedAt), resolvedAt: iso(i.resolvedAt) }))}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Find an order</CardTitle>
            <CardDescription>Any partner: order ref, tracking token, order id or the customer&apos;s last phone digits.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <form className="flex gap-2" role="search">
              <Input name="q" defaultValue={q} aria-label="Search orders across partners" placeholder="e.g. SL-10042 or 4214" className="max-w-sm" />
              <Button type="submit">Search</Button>
            </form>
            <OrderResults query={q} orders={orders} openAction={openPartnerPage} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Endpoints</CardTitle>
            <CardDescription>Each partner&apos;s endpoints and their deliveries. Disabled endpoints can be re-enabled here.</CardDescription>
          </CardHeader>
          <CardContent>
            <SupportEndpointsTable endpoints={endpoints} reenable={reenableEndpointAction} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Still on payload v1</CardTitle>
            <CardDescription>v1 ends on {formatSunsetDate(v1SunsetDate())}. These partners get notices 90, 30 and 7 days before, and every v1 delivery carries Deprecation and Sunset headers.</CardDescription>
          </CardHeader>
          <CardContent>
            <V1PartnersTable rows={onV1} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Dead-lettered deliveries</CardTitle>
            <CardDescription>Deliveries that used up every retry, across all partners.</CardDescription>
          </CardHeader>
          <CardContent>
            <DeadLetterTable
              total={deadLetters.total}
              retry={retryDeadLettersAction}
              rows={deadLetters.rows.map((r) => ({
                id: r.id,
                attemptCount: r.attemptCount,
                lastError: r.lastError,
                deadLetteredAt: r.deadLetteredAt?.toISOString() ?? null,
                partnerName: r.partner.name,
                endpointUrl: r.endpoint.url,
                eventType: r.event.type,
              }))}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
