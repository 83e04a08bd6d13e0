import type { Metadata } from "next";
import Link from "next/link";
import { inspectInvite } from "@/lib/team/accept-invite";
import { TOKEN_PROBLEM_MESSAGE } from "@/lib/auth/one-time-token";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { RenewInviteForm } from "@/components/auth/renew-invite-form";
import { acceptInviteAction, renewInviteAction } from "./actions";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const NEXT_STEP = {
  invalid: "Ask your admin to send you a new invitation.",
  expired: "Invitations last 7 days. Get a fresh link sent to the invited address:",
  used: "Your account already exists: sign in with your email and password.",
  revoked: "Ask your admin for a new invitation if you still need access.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const lookup = await inspectInvite(decodeURIComponent(token));
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      {lookup.ok ? (
        <AcceptInviteForm token={decodeURIComponent(token)} email={lookup.invite.email} partnerName={lookup.invite.partnerName} role={lookup.invite.role} action={acceptInviteAction} />
      ) : (
        <Card className="w-full max-w-sm">
          <CardHeader>
            <CardTitle>This invitation can&apos;t be used</CardTitle>
            <CardDescription data-testid="link-problem">{TOKEN_PROBLEM_MESSAGE[lookup.problem]}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 text-sm">
            <p>{NEXT_STEP[lookup.problem]}</p>
            {lookup.problem === "expired" ? <RenewInviteForm token={decodeURIComponent(token)} action={renewInviteAction} /> : null}
            <Button asChild variant="outline">
              <Link href="/login">Go to sign in</Link>
            </Button>
          </CardContent>
        </Card>
      )}
    </main>
  );
}
