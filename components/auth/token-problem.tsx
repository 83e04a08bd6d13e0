import Link from "next/link";
import { Button } from "@/components/ui/button";
import { AuthCard } from "@/components/auth/auth-card";
import { TOKEN_PROBLEM_MESSAGE } from "@/lib/auth/one-time-token";
import type { UserTokenProblem } from "@/lib/auth/user-tokens";

/** A password link that can't be used: why, and the way forward. Nothing was changed. */
export function TokenProblem({ problem }: { problem: UserTokenProblem }) {
  return (
    <AuthCard title="This link can't be used" description={<span data-testid="token-problem">{TOKEN_PROBLEM_MESSAGE[problem]}</span>}>
      <div className="grid gap-3">
        <p className="text-sm text-muted-foreground">Opening this link changed nothing. If you still need to choose a password, ask for a new link and use the newest email.</p>
        <Button asChild>
          <Link href="/forgot-password">Send a new link</Link>
        </Button>
        <Button asChild variant="ghost">
          <Link href="/login">Back to sign in</Link>
        </Button>
      </div>
    </AuthCard>
  );
}
