import { NextResponse } from "next/server";
import { z } from "zod";
import { requireRequestScope } from "@/lib/auth/request-scope";
import { route } from "@/lib/http/route";
import { getHealthReport } from "@/lib/health/get-health-report";
import { HEALTH_RANGES } from "@/lib/health/range";

const QuerySchema = z.object({ range: z.enum(HEALTH_RANGES).default("24h") });

// GET /api/v1/health?range=24h|7d: endpoint health, the Overview's numbers (partner key or session).
export const GET = route(async (request) => {
  const scope = await requireRequestScope(request);
  const { range } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const report = await getHealthReport(scope.partnerId, range);
  return NextResponse.json(report, { headers: { "cache-control": "no-store" } });
});
