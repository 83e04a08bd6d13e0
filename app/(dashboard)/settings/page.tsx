import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { NotBuiltYet } from "@/components/layout/not-built-yet";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="API keys, retry policy and audit log." />
      <NotBuiltYet feature="Settings" />
    </>
  );
}
