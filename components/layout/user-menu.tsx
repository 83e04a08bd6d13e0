import Link from "next/link";
import { LogOut, UserCog } from "lucide-react";
import { Button } from "@/components/ui/button";

type Props = { name: string; email: string; roleLabel: string; signOutAction: () => Promise<void> };

export function UserMenu({ name, email, roleLabel, signOutAction }: Props) {
  return (
    <div className="grid gap-2 border-t pt-4">
      <div className="min-w-0 px-1 text-sm">
        <p className="truncate font-medium">{name}</p>
        <p className="truncate text-xs text-muted-foreground">{email}</p>
        <p className="text-xs text-muted-foreground" data-testid="user-role">{roleLabel}</p>
      </div>
      <Button asChild variant="ghost" size="sm" className="w-full justify-start gap-2">
        <Link href="/settings/account">
          <UserCog className="size-4" aria-hidden /> Account settings
        </Link>
      </Button>
      <form action={signOutAction}>
        <Button type="submit" variant="outline" size="sm" className="w-full justify-start gap-2">
          <LogOut className="size-4" aria-hidden /> Sign out
        </Button>
      </form>
    </div>
  );
}
