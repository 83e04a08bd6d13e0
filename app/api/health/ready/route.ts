import { NextResponse } from "next/server";
import { readiness } from "@/lib/jobs/readiness";

export const dynamic = "force-dynamic";

// GET /api/health/ready: 200 when this process can take traffic (database reachable, delivery
// driver configured and, for Inngest, registered), 503 otherwise; the body says which part failed.
// No sign-in (load balancers call it) and no secrets in it: booleans, the driver's name, timestamps.
export async function GET() {
  const report = await readiness();
  return NextResponse.json(report, { status: report.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
