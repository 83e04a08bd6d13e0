import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { writerFromRequest } from "@/lib/endpoints/actor";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { createOrderSource, getIntakeCountry, listOrderSources, ORDER_SOURCE_LIMIT } from "@/lib/intake/sources";

// GET /api/v1/order-sources: this partner's sales channels (no secrets), with the default phone country.
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const [sources, country] = await Promise.all([listOrderSources(scope.partnerId), getIntakeCountry(scope.partnerId)]);
  return NextResponse.json({ data: sources, limit: { used: sources.length, max: ORDER_SOURCE_LIMIT }, default_country: country });
});

// POST /api/v1/order-sources: a new source with its intake URL; its secret is in this answer only.
export const POST = route(async (request) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  const { source, secret } = await createOrderSource(scope.partnerId, (await readJsonBody(request)) as never, actor);
  return NextResponse.json({ ...source, secret }, { status: 201 });
});
