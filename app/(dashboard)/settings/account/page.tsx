import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/layout/page-header";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { changePasswordAction } from "./_actions/change-password";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return (
    <>
      <PageHeader title="Your account" description="Your name, sign-in email and password." />
      <div className="grid max-w-2xl gap-6">
        <Card role="region" aria-labelledby="profile-heading">
          <CardHeader>
            <CardTitle id="profile-heading">Profile</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
              <dt className="text-muted-foreground">Name</dt>
              <dd data-testid="account-name">{user.name}</dd>
              <dt className="text-muted-foreground">Email</dt>
              <dd data-testid="account-email">{user.email}</dd>
            </dl>
          </CardContent>
        </Card>
        <ChangePasswordForm email={user.email} action={changePasswordAction} changed={(await searchParams).changed === "1"} />
      </div>
    </>
  );
}
