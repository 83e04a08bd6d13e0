import Link from "next/link";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ENDPOINT_LIMIT_MESSAGE } from "@/lib/endpoints/rules";

type Props = { allowance: { count: number; max: number; canAdd: boolean }; canAdminister: boolean };

/** "n of 5" and the Add button; at the limit the button is disabled and says why, in words. */
export function AddEndpointButton({ allowance, canAdminister }: Props) {
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-3">
        <span className="text-sm text-muted-foreground" data-testid="endpoint-count">
          {allowance.count} of {allowance.max} endpoints
        </span>
        {canAdminister ? (
          allowance.canAdd ? (
            <Button asChild>
              <Link href="/endpoints/new">
                <Plus aria-hidden /> Add endpoint
              </Link>
            </Button>
          ) : (
            <Button disabled aria-describedby="endpoint-limit-reason">
              <Plus aria-hidden /> Add endpoint
            </Button>
          )
        ) : null}
      </div>
      {canAdminister && !allowance.canAdd ? (
        <p id="endpoint-limit-reason" className="max-w-sm text-right text-xs text-muted-foreground" data-testid="endpoint-limit-reason">
          {ENDPOINT_LIMIT_MESSAGE}
        </p>
      ) : null}
      {!canAdminister ? <p className="text-xs text-muted-foreground">Read-only: only partner admins can add or change endpoints.</p> : null}
    </div>
  );
}
