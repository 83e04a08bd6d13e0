import { NextResponse } from "next/server";
import { readiness } from "@/lib/jobs/readiness";
import { probeAllowed, tooManyProbes } from "@/lib/http/probe-limit";

export const dynamic = "force-dynamic";

// GET /api/health/ready: 200 when this process can take traffic (database reachable, delivery
// driver configured and, for Inngest, registered), 503 otherwise; the body says which part failed.
// No sign-in (load balancers call it) and no secrets in it: booleans, the driver's name, timestamps.
export async function GET(request: Request) {
  if (!probeAllowed(request)) return tooManyProbes(); // unauthenticated: rate-limited in memory (lib/http/probe-limit.ts)
  const report = await readiness();
  return NextResponse.json(report, { status: report.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
