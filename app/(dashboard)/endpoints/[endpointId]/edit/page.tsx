import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { findEndpoint } from "@/lib/endpoints/get-endpoints";
import { v1FormState } from "@/lib/sunset/v1";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { EndpointForm } from "@/components/endpoints/endpoint-form";
import { checkEndpointUrlAction } from "../../_actions/check-endpoint-url";
import { updateEndpointAction } from "../../_actions/update-endpoint";

export const metadata: Metadata = { title: "Edit endpoint" };

export default async function EditEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const scope = await requirePageScope();
  const endpoint = await findEndpoint(scope.partnerId, (await params).endpointId);
  if (!endpoint) notFound();
  const { url, description, eventTypes, format, schemaVersion, rateLimitPerSecond, destinationType, destination, credentials } = endpoint;
  return (
    <div className="max-w-3xl">
      <PageHeader title="Edit endpoint" description={url} />
      {canAdminister(scope) ? (
        <EndpointForm
          mode="edit"
          initial={{ url, description, eventTypes, format, schemaVersion, rateLimitPerSecond, destinationType, destination, credentials }}
          submitLabel="Save changes"
          cancelHref={`/endpoints/${endpoint.id}`}
          submit={updateEndpointAction.bind(null, endpoint.id)}
          checkUrl={checkEndpointUrlAction}
          v1={v1FormState()}
        />
      ) : (
        <Alert variant="warning">
          <AlertDescription>Only a partner admin can change endpoints. Ask your admin.</AlertDescription>
        </Alert>
      )}
    </div>
  );
}
