import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { DemoSignIn } from "@/components/auth/demo-sign-in";
import { LoginForm } from "@/components/auth/login-form";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/dev/demo-accounts";
import { demoSignInEnabled } from "@/lib/dev/demo-sign-in";
import { env } from "@/lib/env";
import { login } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getSessionUser()) redirect("/overview");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 bg-muted/40 p-4">
      <LoginForm action={login} />
      {demoSignInEnabled(env) ? <DemoSignIn accounts={DEMO_ACCOUNTS} password={DEMO_PASSWORD} action={login} /> : null}
    </main>
  );
}
