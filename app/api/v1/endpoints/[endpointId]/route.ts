import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { writerFromRequest } from "@/lib/endpoints/actor";
import { getEndpoint } from "@/lib/endpoints/get-endpoints";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { parseApiBody, patchEndpointBodySchema, toApiEndpoint } from "@/lib/endpoints/api-shape";

type Ctx = { params: Promise<{ endpointId: string }> };

// GET /api/v1/endpoints/{id}: one endpoint of this partner; another partner's id is a 404.
export const GET = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  return NextResponse.json(toApiEndpoint(await getEndpoint(scope.partnerId, (await params).endpointId)));
});

// PATCH: any settings, and/or {"enabled": false, "disabled_reason": "…"} / {"enabled": true}.
export const PATCH = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  const patch = parseApiBody(patchEndpointBodySchema, await readJsonBody(request));
  return NextResponse.json(toApiEndpoint(await updateEndpoint(scope.partnerId, (await params).endpointId, patch, actor)));
});

// DELETE: the endpoint, its secrets and its deliveries; frees one of the five slots.
export const DELETE = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  const { id } = await deleteEndpoint(scope.partnerId, (await params).endpointId, actor);
  return NextResponse.json({ id, deleted: true });
});
