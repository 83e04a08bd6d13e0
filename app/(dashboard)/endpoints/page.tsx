import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NotBuiltYet } from "@/components/layout/not-built-yet";

export const metadata: Metadata = { title: "Endpoints" };

export default function EndpointsPage() {
  return (
    <>
      <PageHeader title="Endpoints" description="Register and monitor the URLs that receive your webhooks." />
      <NotBuiltYet feature="Endpoints" />
    </>
  );
}
