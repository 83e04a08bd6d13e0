import { Construction } from "lucide-react";

/** Said plainly on pages whose feature has not shipped: no fake data on screen. */
export function NotBuiltYet({ feature }: { feature: string }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed p-10 text-center">
      <Construction className="size-6 text-muted-foreground" aria-hidden />
      <p className="font-medium">{feature} is not built yet.</p>
      <p className="max-w-md text-sm text-muted-foreground">This page is part of the plan but has no working feature behind it yet.</p>
    </div>
  );
}
