import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getPublicTracking } from "@/lib/tracking/get-tracking";
import { TRACKING_UNAVAILABLE } from "@/lib/tracking/view";

// Never cached (it is polled for live status), never indexed, and the token in the URL is not
// passed on as a referrer.
const PRIVATE_HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex, nofollow" };

// GET /api/t/{token}: the public tracking page's live data. No sign-in: the token is the key.
export const GET = route<{ params: Promise<{ token: string }> }>(async (_request, { params }) => {
  const tracking = await getPublicTracking((await params).token);
  if (tracking.kind === "disabled") throw new AppError("not_found", TRACKING_UNAVAILABLE);
  return NextResponse.json(tracking.view, { headers: PRIVATE_HEADERS });
});
