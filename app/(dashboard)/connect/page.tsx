import type { Metadata } from "next";
import Link from "next/link";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { getPartner } from "@/lib/partners/queries";
import { showsDeveloperScreens } from "@/lib/partners/tiers";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ActionButton } from "@/components/actions/action-button";
import { enableDeveloperScreensAction } from "./_actions/enable-developer-screens";

export const metadata: Metadata = { title: "Connect your own system" };

export default async function ConnectPage() {
  const scope = await requirePageScope();
  const partner = await getPartner(scope.partnerId);
  const enabled = partner ? showsDeveloperScreens(partner) : false;
  return (
    <>
      <PageHeader title="Connect your own system" description="Tracking pages and SMS work without any integration. If you have developers, Waypoint can also push every order status change to your own systems." />
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>Webhooks and the partner API</CardTitle>
          <CardDescription>
            Register up to 5 HTTPS endpoints, each for the event types it needs; every status change is delivered signed (Standard Webhooks), retried and never lost. You also get the Event Log,
            API keys, the retry policy and incidents when an endpoint fails.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          {enabled ? (
            <p className="text-sm">
              Developer screens are on.{" "}
              <Link className="underline" href="/endpoints">
                Add an endpoint
              </Link>
              .
            </p>
          ) : canAdminister(scope) ? (
            <div>
              <ActionButton action={enableDeveloperScreensAction} input={undefined} label="Show the developer screens" success="Developer screens are on." goTo="/endpoints" />
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Ask a partner admin to switch the developer screens on.</p>
          )}
        </CardContent>
      </Card>
    </>
  );
}
