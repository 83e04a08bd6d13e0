import "server-only";
import { AppError } from "@/lib/errors";
import { requireEndpointRow } from "@/lib/endpoints/get-endpoints";
import { activeSigningSecrets } from "@/lib/endpoints/secrets";
import { buildTestRequest, type TestEventSpec } from "@/lib/endpoints/test-request";
import type { TestRequestPreview } from "@/lib/endpoints/view";

/** The exact body and headers a test send would carry, without sending anything. */
export async function previewTestEvent(partnerId: string, endpointId: string, spec: TestEventSpec): Promise<TestRequestPreview> {
  const endpoint = await requireEndpointRow(partnerId, endpointId);
  const secrets = await activeSigningSecrets(endpointId);
  if (secrets.length === 0) throw new AppError("conflict", "This endpoint has no signing secret. Rotate the secret to create one.");
  return buildTestRequest(endpoint, secrets, spec).preview;
}
