import type { Metadata } from "next";
import Link from "next/link";
import { Webhook } from "lucide-react";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { getEndpointsPage } from "@/lib/endpoints/get-page-views";
import { PAYLOAD_V2_SCHEMA_PATH } from "@/lib/events/json-schema";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AddEndpointButton } from "@/components/endpoints/add-endpoint-button";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { deleteEndpointAction } from "./_actions/delete-endpoint";
import { updateEndpointAction } from "./_actions/update-endpoint";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  const scope = await requirePageScope();
  const { endpoints, lastTests, allowance } = await getEndpointsPage(scope.partnerId);
  const admin = canAdminister(scope);
  return (
    <>
      <PageHeader
        title="Endpoints"
        description="The URLs on your servers that receive Waypoint's signed webhooks. Each one chooses its events, format and schema version."
        actions={<AddEndpointButton allowance={allowance} canAdminister={admin} />}
      />
      <p className="-mt-4 mb-6 text-sm text-muted-foreground">
        Payload reference:{" "}
        <a className="font-medium text-primary underline-offset-4 hover:underline" href={PAYLOAD_V2_SCHEMA_PATH} target="_blank" rel="noreferrer">
          JSON Schema of v2 events
        </a>{" "}
        (validate what you receive) ·{" "}
        <a className="font-medium text-primary underline-offset-4 hover:underline" href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
          OpenAPI document
        </a>
      </p>
      {endpoints.length === 0 ? (
        <EmptyState
          icon={<Webhook />}
          title="No endpoints yet"
          description={
            admin
              ? "Add an HTTPS URL on your server and choose the events it should receive. Then send it a test event and check that it verifies our signature: that is all it takes to go live."
              : "No endpoints are registered for your account yet. A partner admin can add one; you will then be able to send it test events from here."
          }
          action={
            admin ? (
              <Button asChild>
                <Link href="/endpoints/new">Add your first endpoint</Link>
              </Button>
            ) : null
          }
        />
      ) : (
        <EndpointsTable endpoints={endpoints} lastTests={lastTests} canAdminister={admin} update={updateEndpointAction} remove={deleteEndpointAction} />
      )}
    </>
  );
}
