import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getOnboardingFunnel } from "@/lib/onboarding/queries";
import { listPartners } from "@/lib/partners/queries";
import { TIER_PROFILES } from "@/lib/partners/tiers";
import { formatDuration } from "@/lib/onboarding/rules";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CreatePartnerForm } from "@/components/support/create-partner-form";
import { OnboardingFunnelTable } from "@/components/support/onboarding-funnel-table";
import { TierChanger } from "@/components/support/tier-changer";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { changePartnerTierAction } from "./_actions/change-partner-tier";
import { createPartnerAction } from "./_actions/create-partner";

export const metadata: Metadata = { title: "Partners" };

const iso = (d: Date | null) => d?.toISOString() ?? null;

export default async function PartnersPage() {
  if ((await getSessionUser())?.role !== "support") notFound();
  const [funnel, partners] = await Promise.all([getOnboardingFunnel(), listPartners()]);
  return (
    <>
      <PageHeader title="Partners" description="Set up partners and follow each one from invitation to first verified delivery. Ingest keys for a partner's OMS: switch to the partner, then Settings." />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Create a partner</CardTitle>
            <CardDescription>Give the first admin&apos;s email and they are invited at once; they can invite the rest of their team.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreatePartnerForm create={createPartnerAction} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Tiers</CardTitle>
            <CardDescription>
              A partner&apos;s tier decides what its navigation leads with (SMB: Orders and Tracking &amp; SMS, developer screens behind &quot;Connect your own system&quot;) and its defaults (retry policy, timeout) where it has not changed them. Changes are audited.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Table aria-label="Partner tiers">
              <TableHeader>
                <TableRow>
                  <TableHead>Partner</TableHead>
                  <TableHead>Tier</TableHead>
                  <TableHead>Defaults</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {partners.map((p) => (
                  <TableRow key={p.id}>
                    <TableCell className="font-medium">{p.name}</TableCell>
                    <TableCell>
                      <TierChanger partnerId={p.id} partnerName={p.name} tier={p.tier} change={changePartnerTierAction} />
                    </TableCell>
                    <TableCell className="text-xs text-muted-foreground">
                      retries after {TIER_PROFILES[p.tier].retrySchedule.join(", ")} s; timeout {TIER_PROFILES[p.tier].timeoutMs / 1000} s
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Time to first verified delivery</CardTitle>
            <CardDescription data-testid="funnel-median">
              Median from invitation to first live delivery after a passed endpoint check: {formatDuration(funnel.medianTotalMs)} over {funnel.completed} partner
              {funnel.completed === 1 ? "" : "s"} (target: under 2 hours).
            </CardDescription>
          </CardHeader>
          <CardContent>
            <OnboardingFunnelTable
              rows={funnel.partners.map((p) => ({
                id: p.id,
                name: p.name,
                tier: p.tier,
                inviteSentAt: iso(p.inviteSentAt),
                inviteAcceptedAt: iso(p.inviteAcceptedAt),
                checkPassedAt: iso(p.checkPassedAt),
                firstDeliveryAt: iso(p.firstDeliveryAt),
                durations: p.durations,
              }))}
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
