import { NextResponse } from "next/server";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { getSupportBundle } from "@/lib/support-bundle/bundles";

// GET /api/v1/support-bundles/{bundleId}: a support bundle as a JSON download (partner key or
// session; support acting as the partner). Another partner's bundle is a 404.
export const GET = route<{ params: Promise<{ bundleId: string }> }>(async (request, { params }) => {
  const scope = await requireRequestScope(request);
  const bundle = await getSupportBundle(scope.partnerId, (await params).bundleId);
  return new NextResponse(JSON.stringify(bundle.content, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="waypoint-support-${bundle.kind}-${bundle.id.slice(0, 11)}.json"`,
      "cache-control": "no-store",
    },
  });
});
