"use client";

import type { ComponentProps } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import type { ActionResult } from "@/lib/actions/types";

/**
 * One click, one server action: pending state, the action's own error in a toast, a refresh of
 * the page (or a navigation) when it worked. For the small actions of the alerts, tiers and
 * support screens.
 */
export function ActionButton<TInput, TData>({
  action,
  input,
  label,
  pendingLabel,
  success,
  goTo,
  ...button
}: Omit<ComponentProps<typeof Button>, "onClick" | "children"> & {
  action: (input: TInput) => Promise<ActionResult<TData>>;
  input: TInput;
  label: string;
  pendingLabel?: string;
  success?: string;
  goTo?: string;
}) {
  const router = useRouter();
  const mutation = useActionMutation(action, {
    onSuccess: () => {
      if (success) toast.success(success);
      if (goTo) router.push(goTo);
      else router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });
  return (
    <Button {...button} disabled={button.disabled || mutation.isPending} onClick={() => mutation.mutate(input)}>
      {mutation.isPending ? (pendingLabel ?? `${label}…`) : label}
    </Button>
  );
}
