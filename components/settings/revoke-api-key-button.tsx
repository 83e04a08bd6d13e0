"use client";

import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/types";
import type { ApiKeySummary } from "@/lib/api-keys/input";

type Props = { apiKey: Pick<ApiKeySummary, "id" | "name" | "prefix">; revoke: (input: { id: string }) => Promise<ActionResult<unknown>> };

/** Revoking cannot be undone, so it is confirmed, and the consequence is said plainly. */
export function RevokeApiKeyButton({ apiKey, revoke }: Props) {
  const mutation = useActionMutation(() => revoke({ id: apiKey.id }), {
    onSuccess: () => toast.success(`Key "${apiKey.name}" revoked.`),
    onError: (error) => toast.error(error.message),
  });
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={mutation.isPending} aria-label={`Revoke ${apiKey.name}`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke “{apiKey.name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Requests with the key starting <code>{apiKey.prefix}</code> will be refused with 401 straight away. This cannot be undone; create a new key if you need one.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => mutation.mutate()} className="bg-destructive text-white hover:bg-destructive/90">
            Revoke key
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
