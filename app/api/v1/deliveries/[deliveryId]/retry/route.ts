import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { retryDelivery } from "@/lib/delivery/retry";
import { actorFromRequest } from "@/lib/endpoints/actor";
import { toRetryResultJson } from "@/lib/event-log/to-api-shape";
import { route } from "@/lib/http/route";

// POST /api/v1/deliveries/{deliveryId}/retry: one manual attempt now (embedded engine) or queued
// (Inngest). Any delivery that has not arrived yet; another partner's delivery is a 404.
export const POST = route<{ params: Promise<{ deliveryId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const result = await retryDelivery(scope, (await params).deliveryId, await actorFromRequest(scope));
  return NextResponse.json(toRetryResultJson(result));
});
