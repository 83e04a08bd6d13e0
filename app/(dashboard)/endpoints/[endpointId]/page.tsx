import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { getEndpointPage } from "@/lib/endpoints/get-page-views";
import { PageHeader } from "@/components/layout/page-header";
import { SupportBundleButtons } from "@/components/support/support-bundle-buttons";
import { createSupportBundleAction } from "../../_actions/create-support-bundle";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EndpointHeaderActions } from "@/components/endpoints/endpoint-actions";
import { EndpointCheckCard } from "@/components/endpoints/endpoint-check-card";
import { EndpointSettingsCard } from "@/components/endpoints/endpoint-settings-card";
import { shortUrl } from "@/components/endpoints/format";
import { SecretPanel } from "@/components/endpoints/secret-panel";
import { TestEventPanel } from "@/components/endpoints/test-event-panel";
import { TestSendsHistory } from "@/components/endpoints/test-sends-history";
import { VerifyGuide } from "@/components/endpoints/verify-guide";
import { BrokerVerifyGuide } from "@/components/endpoints/broker-verify-guide";
import { isBroker } from "@/lib/delivery/destinations/config";
import { checkEndpointAction } from "../_actions/check-endpoint";
import { deleteEndpointAction } from "../_actions/delete-endpoint";
import { revealSecretAction } from "../_actions/reveal-secret";
import { rotateSecretAction } from "../_actions/rotate-secret";
import { sendTestEventAction } from "../_actions/send-test-event";
import { updateEndpointAction } from "../_actions/update-endpoint";
import { DateTime } from "@/components/ui/date-time";

export const metadata: Metadata = { title: "Endpoint" };

export default async function EndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const scope = await requirePageScope();
  // Another partner's endpoint is the same 404 as one that does not exist.
  const data = await getEndpointPage(scope.partnerId, (await params).endpointId);
  if (!data) notFound();
  const { endpoint, testSends, latestCheck, timeoutMs, sampleBody } = data;
  const admin = canAdminister(scope);
  return (
    <>
      <Link href="/endpoints" className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All endpoints
      </Link>
      <PageHeader
        title={endpoint.description || shortUrl(endpoint.url)}
        description={endpoint.url}
        actions={admin ? <EndpointHeaderActions endpoint={endpoint} update={updateEndpointAction} remove={deleteEndpointAction} /> : <Badge variant="outline">Read-only</Badge>}
      />
      {!endpoint.enabled ? (
        <Alert variant="warning" className="mb-6" data-testid="disabled-banner">
          <AlertTitle>
            Disabled{endpoint.disabledAt ? <> since <DateTime iso={endpoint.disabledAt} /></> : null}
          </AlertTitle>
          <AlertDescription>
            {endpoint.disabledReason ? `${endpoint.disabledReason}. ` : ""}No new events are sent to this endpoint until it is enabled again.
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="grid content-start gap-6 xl:col-span-2">
          <EndpointCheckCard endpointId={endpoint.id} latest={latestCheck} timeoutMs={timeoutMs} canRun run={checkEndpointAction} guideHref="#verify" />
          <TestEventPanel endpoint={endpoint} timeoutMs={timeoutMs} send={sendTestEventAction} />
          <TestSendsHistory sends={testSends} />
        </div>
        <div className="grid content-start gap-6">
          <SecretPanel endpointId={endpoint.id} secret={endpoint.secret} canAdminister={admin} reveal={revealSecretAction} rotate={rotateSecretAction} />
          <EndpointSettingsCard endpoint={endpoint} />
          <SupportBundleButtons kind="endpoint" id={endpoint.id} create={createSupportBundleAction} />
        </div>
      </div>
      <div className="mt-6" id="verify">
        {isBroker(endpoint.destinationType) ? (
          <BrokerVerifyGuide type={endpoint.destinationType} format={endpoint.format} />
        ) : (
          <VerifyGuide url={endpoint.url} format={endpoint.format} schemaVersion={endpoint.schemaVersion} sampleBody={sampleBody} />
        )}
      </div>
    </>
  );
}
