import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { writerFromRequest } from "@/lib/endpoints/actor";
import { readJsonBody } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { rotateOrderSourceSecret } from "@/lib/intake/sources";

// POST /api/v1/order-sources/{sourceId}/rotate-secret: a new verification secret (generated, or
// Shopify's new key in {"secret"}), returned once; the previous one verifies for 24 h more.
export const POST = route<{ params: Promise<{ sourceId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  return NextResponse.json(await rotateOrderSourceSecret(scope.partnerId, (await params).sourceId, await readJsonBody(request), actor));
});
