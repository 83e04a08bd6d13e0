import type { Metadata } from "next";
import Link from "next/link";
import { BookOpen } from "lucide-react";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { AUDIT_LOG_LIMIT, listAuditLog } from "@/lib/audit/queries";
import { getPartner, getRetryPolicy } from "@/lib/partners/queries";
import { showsDeveloperScreens } from "@/lib/partners/tiers";
import { PageHeader } from "@/components/layout/page-header";
import { ApiKeysCard } from "@/components/settings/api-keys-card";
import { AuditLogTable } from "@/components/settings/audit-log-table";
import { RetryPolicyForm } from "@/components/settings/retry-policy-form";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { createIngestKey } from "./_actions/create-ingest-key";
import { createPartnerApiKey } from "./_actions/create-partner-api-key";
import { revokeIngestKey } from "./_actions/revoke-ingest-key";
import { revokePartnerApiKey } from "./_actions/revoke-partner-api-key";
import { updateRetryPolicy } from "./_actions/update-retry-policy";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const scope = await requirePageScope();
  const admin = canAdminister(scope);
  const [partner, policy, partnerKeys, ingestKeys, audit] = await Promise.all([
    getPartner(scope.partnerId),
    getRetryPolicy(scope.partnerId),
    listApiKeys(scope.partnerId, "partner"),
    // Ingest keys belong to the logistics company's systems: support staff only.
    scope.isSupport ? listApiKeys(scope.partnerId, "ingest") : null,
    listAuditLog(scope.partnerId),
  ]);
  const partnerName = partner?.name ?? "this partner";
  // SMB partners without engineers see API keys and the retry policy after "Connect your own system".
  const developer = partner ? showsDeveloperScreens(partner) : true;

  return (
    <>
      <PageHeader
        title="Settings"
        description="API keys, retry policy and audit log."
        actions={
          <Button asChild variant="outline">
            <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
              <BookOpen aria-hidden /> API reference
            </a>
          </Button>
        }
      />
      <SettingsNav current="/settings" />
      <div className="grid gap-6">
        {developer ? null : (
          <Card>
            <CardHeader>
              <CardTitle>API keys and retry policy</CardTitle>
              <CardDescription>
                For partners whose developers connect their own system by webhooks.{" "}
                <Link className="underline" href="/connect">
                  Connect your own system
                </Link>{" "}
                to see them.
              </CardDescription>
            </CardHeader>
          </Card>
        )}
        {developer ? (
          <ApiKeysCard
            kind="partner"
            title="Partner API keys"
            description="For your own automation: manage endpoints, read events, retry deliveries and check health through the partner API. Send a key as Authorization: Bearer wp_live_…"
            keys={partnerKeys}
            partnerName={partnerName}
            manage={admin ? { create: createPartnerApiKey, revoke: revokePartnerApiKey } : null}
            readOnlyReason="Only a partner admin can create or revoke API keys. Ask your admin if you need one."
          />
        ) : null}
        {ingestKeys ? (
          <ApiKeysCard
            kind="ingest"
            title="Ingest keys"
            description={`For the OMS, dispatch system and rider app: they post orders and status changes to the machine API. Visible to Waypoint support only; ${partnerName} does not see this section.`}
            keys={ingestKeys}
            partnerName={partnerName}
            manage={{ create: createIngestKey, revoke: revokeIngestKey }}
          />
        ) : null}
        {policy && developer ? <RetryPolicyForm key={scope.partnerId} policy={policy} save={admin ? updateRetryPolicy : null} /> : null}
        <AuditLogTable entries={audit} limit={AUDIT_LOG_LIMIT} />
      </div>
    </>
  );
}
