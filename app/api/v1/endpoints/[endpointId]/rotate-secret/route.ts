import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { writerFromRequest } from "@/lib/endpoints/actor";
import { rotateSecretForEndpoint } from "@/lib/endpoints/rotate-secret";

// POST /api/v1/endpoints/{id}/rotate-secret: a new signing secret, returned once. The old one
// keeps signing until old_secret_expires_at (24 h), so both signatures arrive meanwhile.
export const POST = route<{ params: Promise<{ endpointId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const actor = await writerFromRequest(scope);
  const { secret, oldExpiresAt } = await rotateSecretForEndpoint(scope.partnerId, (await params).endpointId, actor);
  return NextResponse.json({ secret, old_secret_expires_at: oldExpiresAt });
});
