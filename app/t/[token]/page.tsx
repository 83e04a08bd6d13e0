import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getPublicTracking } from "@/lib/tracking/get-tracking";
import { TRACKING_UNAVAILABLE } from "@/lib/tracking/view";
import { TrackingLive } from "@/components/tracking/tracking-live";
import { TrackingMessage } from "@/components/tracking/tracking-message";

// The link is a secret of the customer's: never indexed, never sent on as a referrer.
export const metadata: Metadata = {
  title: "Track your order",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

export default async function TrackingPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const tracking = await getPublicTracking(token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (tracking.kind === "disabled") {
    return <TrackingMessage title={TRACKING_UNAVAILABLE} description="Please contact the merchant for news about your order." />;
  }
  return <TrackingLive token={token} initial={tracking.view} timeZone={tracking.timeZone} />;
}
