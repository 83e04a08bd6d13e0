import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

type Props = { sources: { id: string; name: string; lastAlertAt: Date | null }[] };

/** Order sources whose failure alert fired in the last 24 hours (lib/intake/alerts.ts), like the disabled-endpoints banner. */
export function FailingSourcesBanner({ sources }: Props) {
  if (sources.length === 0) return null;
  return (
    <Alert variant="warning" className="mb-6" data-testid="failing-sources-banner">
      <TriangleAlert aria-hidden />
      <AlertTitle>{sources.length === 1 ? "An order source is failing" : `${sources.length} order sources are failing`}</AlertTitle>
      <AlertDescription>
        <ul className="grid gap-1">
          {sources.map((s) => (
            <li key={s.id}>
              Orders from {s.name} kept failing{s.lastAlertAt ? ` (alert at ${s.lastAlertAt.toISOString().slice(11, 16)} UTC)` : ""}.{" "}
              <Link className="underline" href={`/intake?source=${encodeURIComponent(s.id)}`}>
                See the failures and replay
              </Link>
            </li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
