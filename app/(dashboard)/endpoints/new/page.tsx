import type { Metadata } from "next";
import Link from "next/link";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { getEndpointCount } from "@/lib/endpoints/get-page-views";
import { ENDPOINT_LIMIT_MESSAGE } from "@/lib/endpoints/rules";
import { v1FormState } from "@/lib/sunset/v1";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EndpointForm } from "@/components/endpoints/endpoint-form";
import { checkEndpointUrlAction } from "../_actions/check-endpoint-url";
import { createEndpointAction } from "../_actions/create-endpoint";

export const metadata: Metadata = { title: "Add endpoint" };

export default async function NewEndpointPage() {
  const scope = await requirePageScope();
  const allowance = await getEndpointCount(scope.partnerId);
  const blocked = !canAdminister(scope) ? "Only a partner admin can add endpoints. Ask your admin." : !allowance.canAdd ? ENDPOINT_LIMIT_MESSAGE : null;
  return (
    <div className="max-w-3xl">
      <PageHeader title="Add endpoint" description={`Endpoint ${allowance.count + 1} of ${allowance.max}. You can change every setting later.`} />
      {blocked ? (
        <Alert variant="warning" data-testid="add-blocked">
          <AlertTitle>You cannot add an endpoint here</AlertTitle>
          <AlertDescription>
            <p>{blocked}</p>
            <Button variant="outline" size="sm" className="mt-3" asChild>
              <Link href="/endpoints">Back to endpoints</Link>
            </Button>
          </AlertDescription>
        </Alert>
      ) : (
        <EndpointForm mode="create" submitLabel="Create endpoint" cancelHref="/endpoints" submit={createEndpointAction} checkUrl={checkEndpointUrlAction} v1={v1FormState()} />
      )}
    </div>
  );
}
