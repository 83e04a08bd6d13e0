// Browser-side access to GET /api/v1/health: the fetcher, and the queryOptions factory that
// owns the cache key. The Overview polls it so the figures stay fresh without a reload.
import { queryOptions } from "@tanstack/react-query";
import { HealthReportSchema, type HealthReport } from "@/lib/health/api-shape";
import type { HealthRange } from "@/lib/health/range";

// Attempts land continuously; 15 s keeps the page current without hammering the database.
export const HEALTH_REFRESH_MS = 15_000;

export async function fetchHealth(range: HealthRange): Promise<HealthReport> {
  const response = await fetch(`/api/v1/health?range=${range}`, { headers: { accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message;
    throw new Error(message ?? `Could not load endpoint health (HTTP ${response.status}).`);
  }
  return HealthReportSchema.parse(body);
}

// The partner is decided on the server (session or key); it is in the key only so that support
// staff switching partners never see the previous partner's cached figures.
export const healthKeys = {
  all: ["health"] as const,
  report: (partnerId: string, range: HealthRange) => ["health", partnerId, range] as const,
};

export const healthQueryOptions = (partnerId: string, range: HealthRange) =>
  queryOptions({
    queryKey: healthKeys.report(partnerId, range),
    queryFn: () => fetchHealth(range),
    refetchInterval: HEALTH_REFRESH_MS,
  });
