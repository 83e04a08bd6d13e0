"use client";

import { useQuery } from "@tanstack/react-query";
import { trackingQueryOptions, TrackingGoneError } from "@/lib/query/tracking";
import { formatCustomerTime } from "@/lib/time/format";
import { TRACKING_NOT_FOUND, type TrackingView } from "@/lib/tracking/view";
import { RiderCard, statusSummary } from "@/components/tracking/tracking-summary";
import { TrackingMessage } from "@/components/tracking/tracking-message";
import { TrackingTimeline } from "@/components/tracking/tracking-timeline";

/**
 * The public tracking page, live: starts from the server's view and polls the JSON route every
 * few seconds (TanStack Query pauses while the tab is hidden), so each status change appears
 * without a reload. Mobile first: one column, the status and the OTP at the top.
 */
/** `timeZone`: the partner's, where every time on the page is written (lib/time/format.ts). */
export function TrackingLive({ token, initial, timeZone }: { token: string; initial: TrackingView; timeZone: string }) {
  const { data, error, dataUpdatedAt } = useQuery({ ...trackingQueryOptions(token), initialData: initial, initialDataUpdatedAt: 0 });

  if (error instanceof TrackingGoneError) {
    return error.unavailable ? (
      <TrackingMessage title={error.message} description="Please contact the merchant for news about your order." />
    ) : (
      <TrackingMessage title={TRACKING_NOT_FOUND} description="Check the link in your SMS, or contact the merchant." />
    );
  }
  const view = data;
  return (
    <main className="mx-auto flex min-h-screen w-full max-w-md flex-col gap-4 p-4 sm:p-6">
      <header className="pt-2">
        {view.merchant_logo_url ? (
          // A partner's uploaded image (PNG/JPEG/WebP, checked at upload), at its natural ratio.
          // eslint-disable-next-line @next/next/no-img-element -- served as-is from /logos; nothing for next/image to optimise
          <img src={view.merchant_logo_url} alt={`${view.merchant_name} logo`} className="mb-3 h-12 w-auto max-w-[12rem] object-contain" />
        ) : null}
        <p className="text-sm font-medium text-muted-foreground">{view.merchant_name}</p>
        <h1 className="text-2xl font-semibold tracking-tight">Order {view.order_ref}</h1>
      </header>

      <section aria-live="polite" aria-labelledby="status-heading" className="rounded-xl border bg-card p-5 shadow-sm">
        <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Status</p>
        <h2 id="status-heading" className="mt-1 text-2xl font-bold">
          {view.status_label}
        </h2>
        <p className="mt-2 text-sm" data-testid="status-summary">
          {statusSummary(view, timeZone)}
        </p>
      </section>

      {view.out_for_delivery ? <RiderCard ofd={view.out_for_delivery} timeZone={timeZone} /> : null}
      <TrackingTimeline view={view} timeZone={timeZone} />

      <footer className="pb-4 text-center text-xs text-muted-foreground">
        This page updates by itself{dataUpdatedAt ? ` · checked ${formatCustomerTime(new Date(dataUpdatedAt), timeZone)}` : ""}
        {error ? " · reconnecting…" : ""}
      </footer>
    </main>
  );
}
