import { probeAllowed, tooManyProbes } from "@/lib/http/probe-limit";

export const dynamic = "force-dynamic";

// GET /api/health/live: 200 while this process serves requests (no database, no dependency: a
// platform restarts the process when this fails; /api/health/ready decides about traffic).
// Unauthenticated, rate-limited in memory, and it says nothing but that.
export function GET(request: Request) {
  if (!probeAllowed(request)) return tooManyProbes();
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
