"use client";

import { useRouter } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/types";
import type { EndpointCheckView } from "@/lib/endpoints/check-rules";
import { EndpointCheckResult } from "./endpoint-check-result";
import { useActionMutation } from "@/components/actions/use-action-mutation";

type Props = {
  endpointId: string;
  latest: EndpointCheckView | null;
  timeoutMs: number;
  /** Every partner user may run it, like Send Test Event. */
  canRun: boolean;
  run: (input: { endpointId: string }) => Promise<ActionResult<EndpointCheckView>>;
  /** Where the page shows "How to verify signatures". */
  guideHref: string;
};

/** The endpoint check: three test events that show whether a receiver is ready for real ones. */
export function EndpointCheckCard({ endpointId, latest, timeoutMs, canRun, run, guideHref }: Props) {
  const router = useRouter();
  const running = useActionMutation(run, {
    onSuccess: () => router.refresh(), // the three requests join the test history
    onError: (e) => toast.error(e.message),
  });
  const check = running.data ?? latest;

  return (
    <Card id="check">
      <CardHeader>
        <CardTitle>Endpoint check</CardTitle>
        <CardDescription>
          Sends three test events: one correctly signed (it must be accepted), the same one again with the same <code>webhook-id</code> (it must be accepted too:
          Waypoint retries), and one with a wrong signature (it must be refused). They appear in the test history, never in delivery health.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={() => running.mutate({ endpointId })} disabled={!canRun || running.isPending} aria-busy={running.isPending}>
            <ShieldCheck aria-hidden />
            Run endpoint check
          </Button>
          {running.isPending ? <span className="text-sm text-muted-foreground">Checking: up to {timeoutMs / 1000} s per request…</span> : null}
          {!canRun ? <span className="text-sm text-muted-foreground">Only partner admins can run the endpoint check.</span> : null}
        </div>
        <div aria-live="polite">
          {check ? <EndpointCheckResult check={check} /> : <p className="text-sm text-muted-foreground">No check has run on this endpoint yet.</p>}
        </div>
        <p className="text-sm">
          <a href={guideHref} className="underline underline-offset-4 hover:text-foreground">
            Read the verification guide
          </a>
        </p>
      </CardContent>
    </Card>
  );
}
