import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NotBuiltYet } from "@/components/layout/not-built-yet";

export const metadata: Metadata = { title: "Event Log" };

export default function EventLogPage() {
  return (
    <>
      <PageHeader title="Event Log" description="The last 500 events, their deliveries and attempts." />
      <NotBuiltYet feature="Event Log" />
    </>
  );
}
