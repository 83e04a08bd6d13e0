"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Eye, EyeOff, RefreshCw } from "lucide-react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/types";
import { ROTATION_OVERLAP_MS } from "@/lib/endpoints/rules";
import type { SecretInfo } from "@/lib/endpoints/view";
import { endpointKeys } from "@/lib/query/endpoints";
import { CopyButton } from "@/components/ui/copy-button";
import { useActionMutation } from "@/components/actions/use-action-mutation";
import { DateTime } from "@/components/ui/date-time";

const MASK = "whsec_••••••••••••";
const OVERLAP_HOURS = ROTATION_OVERLAP_MS / 3_600_000;

type Props = {
  endpointId: string;
  secret: SecretInfo | null;
  canAdminister: boolean;
  reveal: (endpointId: string) => Promise<ActionResult<{ secret: string }>>;
  rotate: (endpointId: string) => Promise<ActionResult<{ secret: string; oldExpiresAt: string }>>;
};

/**
 * The signing secret stays masked until an admin asks for it: Reveal (and Copy, which reveals
 * too) go through an audited server action. Nothing secret is in the page's HTML.
 */
export function SecretPanel({ endpointId, secret, canAdminister, reveal, rotate }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  // When the old secret would stop signing, fixed when the confirmation opens.
  const [confirmStopsAt, setConfirmStopsAt] = useState<string | null>(null);
  const [oldExpiresAt, setOldExpiresAt] = useState<string | null>(secret?.previousExpiresAt ?? null);

  const revealing = useActionMutation(reveal, {
    onSuccess: ({ secret: s }) => setValue(s),
    onError: (e) => toast.error(e.message),
  });
  const rotating = useActionMutation(rotate, {
    onSuccess: (r) => {
      setValue(r.secret);
      setShown(true);
      setOldExpiresAt(r.oldExpiresAt);
      setConfirmStopsAt(null);
      toast.success("New signing secret created. Update your receiver within 24 hours.");
      // Previews were signed with the old secret alone.
      void queryClient.invalidateQueries({ queryKey: [...endpointKeys.all, endpointId] });
      router.refresh();
    },
    onError: (e) => toast.error(e.message),
  });

  async function fetchSecret(): Promise<string | null> {
    if (value) return value;
    try {
      return (await revealing.mutateAsync(endpointId)).secret;
    } catch {
      return null; // onError already said why
    }
  }
  async function toggle() {
    if (shown) return setShown(false);
    if (await fetchSecret()) setShown(true);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Signing secret</CardTitle>
        <CardDescription>
          Every webhook is signed with this secret (Standard Webhooks, HMAC-SHA256). Your receiver uses it to check that a request really came from Waypoint.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {!secret ? (
          <p className="text-sm text-muted-foreground">This endpoint has no signing secret. {canAdminister ? "Rotate to create one." : "Ask a partner admin to rotate it."}</p>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded-md bg-muted px-3 py-2 font-mono text-sm break-all" data-testid="signing-secret" aria-label="Signing secret">
              {shown && value ? value : MASK}
            </code>
            {canAdminister ? (
              <>
                <Button type="button" variant="outline" size="sm" onClick={toggle} disabled={revealing.isPending}>
                  {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
                  {shown ? "Hide" : revealing.isPending ? "Revealing…" : "Reveal"}
                </Button>
                <CopyButton label="Copy signing secret" text={fetchSecret} />
              </>
            ) : null}
          </div>
        )}
        {secret ? <p className="text-xs text-muted-foreground">Current secret created <DateTime iso={secret.createdAt} />.{canAdminister ? " Each reveal is recorded in the audit log." : " Only partner admins can see it."}</p> : null}
        {oldExpiresAt ? (
          <p className="text-sm" data-testid="rotation-overlap">
            Rotation in progress: the previous secret also signs every webhook until <strong>
              <DateTime iso={oldExpiresAt} />
            </strong>, so both signatures are sent
            until then.
          </p>
        ) : null}
        {canAdminister ? (
          <div>
            <Button type="button" variant="outline" size="sm" onClick={() => setConfirmStopsAt(new Date(Date.now() + ROTATION_OVERLAP_MS).toISOString())}>
              <RefreshCw aria-hidden /> Rotate secret
            </Button>
          </div>
        ) : null}
      </CardContent>
      <AlertDialog open={confirmStopsAt !== null} onOpenChange={(open) => !open && setConfirmStopsAt(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Rotate the signing secret?</AlertDialogTitle>
            <AlertDialogDescription>
              A new secret is created now and shown to you once here. For the next {OVERLAP_HOURS} hours every webhook carries two signatures, one with the
              old secret and one with the new, so your receiver keeps accepting deliveries while you deploy the new secret. The old secret stops signing at{" "}
              <strong>{confirmStopsAt ? <DateTime iso={confirmStopsAt} /> : null}</strong>.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <Button onClick={() => rotating.mutate(endpointId)} disabled={rotating.isPending}>
              {rotating.isPending ? "Rotating…" : "Rotate secret"}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </Card>
  );
}
