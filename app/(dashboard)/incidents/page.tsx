import type { Metadata } from "next";
import Link from "next/link";
import { requirePageScope } from "@/lib/auth/session";
import { listIncidents } from "@/lib/alerts/incidents";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { IncidentsTable } from "@/components/alerts/incidents-table";
import { acknowledgeIncidentAction } from "./_actions/acknowledge-incident";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const scope = await requirePageScope();
  const incidents = await listIncidents(scope.partnerId);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Alert rules watch every endpoint (failure rate, delivery delay, dead-letters waiting, automatic disabling) and every order source (a spike of failed intakes). Each one opens an incident, mails your admins and Waypoint support, and resolves by itself when the condition clears."
      />
      <Card>
        <CardHeader>
          <CardTitle>Open and recent incidents</CardTitle>
          <CardDescription>
            Acknowledge an incident to stop the hourly reminders. Thresholds and the operational webhook are in{" "}
            <Link className="underline" href="/settings/alerts">
              Settings → Alerts
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent>
          <IncidentsTable
            acknowledge={acknowledgeIncidentAction}
            incidents={incidents.map((i) => ({ ...i, openedAt: i.openedAt.toISOString(), acknowledgedAt: iso(i.acknowledgedAt), resolvedAt: iso(i.resolvedAt) }))}
          />
        </CardContent>
      </Card>
    </>
  );
}
