import Link from "next/link";
import { Siren } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { incidentTarget, RULE_LABEL, type IncidentRule } from "@/lib/alerts/rules";

type Props = { incidents: { id: string; rule: IncidentRule; endpointId: string; endpointUrl: string; status: string; summary: string }[] };

/** Shown on every dashboard page while an incident is open (acknowledged ones included): failing endpoints and order sources. */
export function IncidentsBanner({ incidents }: Props) {
  if (incidents.length === 0) return null;
  return (
    <Alert variant="destructive" className="mb-6" data-testid="incidents-banner">
      <Siren aria-hidden />
      <AlertTitle>{incidents.length === 1 ? "An incident is open" : `${incidents.length} incidents are open`}</AlertTitle>
      <AlertDescription>
        <ul className="grid gap-1">
          {incidents.slice(0, 3).map((i) => {
            const target = incidentTarget(i);
            return (
              <li key={i.id}>
                {RULE_LABEL[i.rule]} on{" "}
                {target.kind === "order_source" ? (
                  <Link className="underline" href={target.href}>
                    {target.label}
                  </Link>
                ) : (
                  <span className="font-mono text-xs">{target.label}</span>
                )}
                {i.status === "acknowledged" ? " (acknowledged)" : ""} — {i.summary}
              </li>
            );
          })}
        </ul>
        <Link className="underline" href="/incidents">
          See incidents
        </Link>
      </AlertDescription>
    </Alert>
  );
}
