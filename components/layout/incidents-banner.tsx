import Link from "next/link";
import { Siren } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { RULE_LABEL, type AlertRule } from "@/lib/alerts/rules";

type Props = { incidents: { id: string; rule: AlertRule; endpointUrl: string; status: string; summary: string }[] };

/** Shown on every dashboard page while an incident is open (acknowledged ones included). */
export function IncidentsBanner({ incidents }: Props) {
  if (incidents.length === 0) return null;
  return (
    <Alert variant="destructive" className="mb-6" data-testid="incidents-banner">
      <Siren aria-hidden />
      <AlertTitle>{incidents.length === 1 ? "An incident is open" : `${incidents.length} incidents are open`}</AlertTitle>
      <AlertDescription>
        <ul className="grid gap-1">
          {incidents.slice(0, 3).map((i) => (
            <li key={i.id}>
              {RULE_LABEL[i.rule]} on <span className="font-mono text-xs">{i.endpointUrl}</span>
              {i.status === "acknowledged" ? " (acknowledged)" : ""} — {i.summary}
            </li>
          ))}
        </ul>
        <Link className="underline" href="/incidents">
          See incidents
        </Link>
      </AlertDescription>
    </Alert>
  );
}
