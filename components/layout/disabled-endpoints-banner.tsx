import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

type Props = { endpoints: { id: string; url: string; disabledReason: string | null }[] };

/** Shown on every dashboard page while an endpoint is switched off, so nobody misses it. */
export function DisabledEndpointsBanner({ endpoints }: Props) {
  if (endpoints.length === 0) return null;
  return (
    <Alert variant="warning" className="mb-6" data-testid="disabled-endpoints-banner">
      <TriangleAlert aria-hidden />
      <AlertTitle>
        {endpoints.length === 1 ? "A webhook endpoint is disabled" : `${endpoints.length} webhook endpoints are disabled`}
      </AlertTitle>
      <AlertDescription>
        <ul className="grid gap-1">
          {endpoints.map((e) => (
            <li key={e.id}>
              <span className="font-mono text-xs">{e.url}</span> — {e.disabledReason ?? "Disabled by a user."}{" "}
              <Link className="underline" href={`/endpoints/${e.id}`}>
                Review and re-enable
              </Link>
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
