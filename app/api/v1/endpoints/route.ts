import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { writerFromRequest } from "@/lib/endpoints/actor";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/endpoints/get-endpoints";
import { endpointAllowance } from "@/lib/endpoints/rules";
import { createEndpointBodySchema, parseApiBody, toApiEndpoint } from "@/lib/endpoints/api-shape";

// GET /api/v1/endpoints: this partner's endpoints (partner API key or session). No secrets.
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const endpoints = await listEndpoints(scope.partnerId);
  const { count, max } = endpointAllowance(endpoints.length);
  return NextResponse.json({ data: endpoints.map(toApiEndpoint), limit: { used: count, max } });
});

// POST /api/v1/endpoints: registers one (at most 5 per partner; 409 limit_reached after).
// The signing secret is in this response once; afterwards only rotate-secret returns one.
export const POST = route(async (request) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  const fields = parseApiBody(createEndpointBodySchema, await readJsonBody(request));
  const { endpoint, secret } = await createEndpoint(scope.partnerId, fields, actor);
  return NextResponse.json({ ...toApiEndpoint(endpoint), secret }, { status: 201 });
});
