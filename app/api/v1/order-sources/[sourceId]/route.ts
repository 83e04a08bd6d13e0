import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { writerFromRequest } from "@/lib/endpoints/actor";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { deleteOrderSource, getOrderSource, updateOrderSource } from "@/lib/intake/sources";

type Ctx = { params: Promise<{ sourceId: string }> };

// GET /api/v1/order-sources/{sourceId}: one source (no secret).
export const GET = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  return NextResponse.json(await getOrderSource(scope.partnerId, (await params).sourceId));
});

// PATCH /api/v1/order-sources/{sourceId}: name, validation (strict/lenient), mapping (generic), enabled.
export const PATCH = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  return NextResponse.json(await updateOrderSource(scope.partnerId, (await params).sourceId, (await readJsonBody(request)) as never, actor));
});

// DELETE /api/v1/order-sources/{sourceId}: the intake URL stops answering; orders already taken in stay.
export const DELETE = route<Ctx>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  return NextResponse.json(await deleteOrderSource(scope.partnerId, (await params).sourceId, actor));
});
