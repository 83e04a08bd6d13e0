// The public tracking page's live data: GET /api/t/{token}, polled. Browser-safe.
import { queryOptions } from "@tanstack/react-query";
import { TrackingViewSchema, TRACKING_UNAVAILABLE, type TrackingView } from "@/lib/tracking/view";

/** How often the page asks for news: a status change shows within this, without a reload. */
export const TRACKING_POLL_MS = 3_000;

/** A 404 from the route: the link is unknown, or the merchant switched tracking off since. */
export class TrackingGoneError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean,
  ) {
    super(message);
    this.name = "TrackingGoneError";
  }
}

export async function fetchTracking(token: string, signal?: AbortSignal): Promise<TrackingView> {
  const res = await fetch(`/api/t/${encodeURIComponent(token)}`, { signal, cache: "no-store", headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (res.status === 404) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? "Not found";
    throw new TrackingGoneError(message, message === TRACKING_UNAVAILABLE);
  }
  if (!res.ok) throw new Error(`Could not refresh tracking (HTTP ${res.status}).`);
  return TrackingViewSchema.parse(body);
}

export const trackingQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ["tracking", token] as const,
    queryFn: ({ signal }) => fetchTracking(token, signal),
    refetchInterval: (query) => (query.state.error instanceof TrackingGoneError ? false : TRACKING_POLL_MS),
    staleTime: 0,
    // A network blip should not blank the page: keep the last view and try again next tick.
    retry: (count, error) => !(error instanceof TrackingGoneError) && count < 2,
  });
