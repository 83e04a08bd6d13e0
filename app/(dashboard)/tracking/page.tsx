import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NotBuiltYet } from "@/components/layout/not-built-yet";

export const metadata: Metadata = { title: "Tracking & SMS" };

export default function TrackingSMSPage() {
  return (
    <>
      <PageHeader title="Tracking & SMS" description="The public tracking page and templated SMS for your customers." />
      <NotBuiltYet feature="Tracking & SMS" />
    </>
  );
}
