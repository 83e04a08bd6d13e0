import "server-only";
import { db } from "@/lib/db/client";
import { renderBody } from "@/lib/events/render";
import { samplePayload } from "@/lib/events/sample";
import { findEndpoint, listEndpoints } from "@/lib/endpoints/get-endpoints";
import { lastTestByEndpoint, listTestSends } from "@/lib/endpoints/list-test-sends";
import { latestEndpointCheck } from "@/lib/endpoints/check-endpoint";
import { endpointAllowance } from "@/lib/endpoints/rules";

// The views each endpoints page renders (view.ts), read in one call per page: the page stays a thin edge.

export async function getEndpointsPage(partnerId: string) {
  const [endpoints, lastTests] = await Promise.all([listEndpoints(partnerId), lastTestByEndpoint(partnerId)]);
  return { endpoints, lastTests, allowance: endpointAllowance(endpoints.length) };
}

/** Null when the endpoint is not this partner's (or does not exist): the page answers 404. */
export async function getEndpointPage(partnerId: string, endpointId: string) {
  const endpoint = await findEndpoint(partnerId, endpointId);
  if (!endpoint) return null;
  const [testSends, latestCheck, partner] = await Promise.all([
    listTestSends(partnerId, endpointId),
    latestEndpointCheck(partnerId, endpointId),
    db.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { timeoutMs: true } }),
  ]);
  // The curl recipe posts a real sample in this endpoint's format and version.
  const sampleBody = renderBody(samplePayload("order_confirmed", { test: true }), { format: endpoint.format, schemaVersion: endpoint.schemaVersion }).body;
  return { endpoint, testSends, latestCheck, timeoutMs: partner.timeoutMs, sampleBody };
}

export async function getEndpointCount(partnerId: string) {
  return endpointAllowance(await db.endpoint.count({ where: { partnerId } }));
}
