import type { Metadata } from "next";
import Link from "next/link";
import { Webhook } from "lucide-react";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { getEndpointsPage } from "@/lib/endpoints/page-data";
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
