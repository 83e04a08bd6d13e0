import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { TokenProblem } from "@/components/auth/token-problem";
import { inspectUserToken } from "@/lib/auth/user-tokens";
import { resetPassword } from "./actions";

// The link is a secret: never indexed.
export const metadata: Metadata = { title: "Choose a password", robots: { index: false, follow: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const lookup = await inspectUserToken(token);
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      {lookup.ok ? (
        <ResetPasswordForm
          title={lookup.purpose === "set_password" ? "Set your password" : "Reset your password"}
          email={lookup.user.email}
          action={resetPassword.bind(null, token)}
        />
      ) : (
        <TokenProblem problem={lookup.problem} />
      )}
    </main>
  );
}
