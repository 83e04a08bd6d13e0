import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventDetail } from "@/components/events/event-detail";
import { SupportBundleButtons } from "@/components/support/support-bundle-buttons";
import { requirePageScope } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getEventDetail } from "@/lib/event-log/get-event";
import { toEventDetailJson } from "@/lib/event-log/to-api-shape";
import { createSupportBundleAction } from "../../_actions/create-support-bundle";
import { retryDeliveryAction } from "../_actions/retry-delivery";

export const metadata: Metadata = { title: "Event" };

// A shareable URL per event. Another partner's event id is the same 404 as a made-up one.
export default async function EventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const scope = await requirePageScope();
  const { eventId } = await params;
  const event = await getEventDetail(scope.partnerId, eventId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <EventDetail initial={toEventDetailJson(event)} retryAction={retryDeliveryAction} />
      <section aria-label="Ask support" className="mt-6">
        <SupportBundleButtons kind="event" id={event.id} create={createSupportBundleAction} />
      </section>
    </>
  );
}
