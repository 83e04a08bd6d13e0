import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { EventLog } from "@/components/events/event-log";
import { requirePageScope } from "@/lib/auth/session";
import { retryFailedDeliveriesAction } from "./_actions/retry-failed-deliveries";

export const metadata: Metadata = { title: "Event Log" };

// The list itself is fetched (and polled) in the browser from GET /api/v1/events, with the
// filters read from the URL, so a shared link opens the same view.
export default async function EventLogPage() {
  await requirePageScope();
  return (
    <>
      <PageHeader title="Event Log" description="The newest 500 events, their delivery to each endpoint, and every attempt. Updates live." />
      <Suspense>
        <EventLog retryAllAction={retryFailedDeliveriesAction} />
      </Suspense>
    </>
  );
}
