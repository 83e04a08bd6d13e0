import type { Metadata } from "next";
import { canAdminister, requirePageScope } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getAlertSettings } from "@/lib/alerts/settings";
import { INTAKE_SPIKE } from "@/lib/intake/rules";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AlertSettingsForm } from "@/components/alerts/alert-settings-form";
import { updateAlertSettingsAction } from "./_actions/update-alert-settings";

export const metadata: Metadata = { title: "Alerts · Settings" };

export default async function AlertSettingsPage() {
  const scope = await requirePageScope();
  const [settings, endpoints] = await Promise.all([
    getAlertSettings(scope.partnerId),
    db.endpoint.findMany({ where: { partnerId: scope.partnerId }, select: { id: true, url: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return (
    <>
      <PageHeader title="Settings" description="Alert rules, their thresholds, and where incidents are sent." />
      <SettingsNav current="/settings/alerts" />
      <Card>
        <CardHeader>
          <CardTitle>Alert rules</CardTitle>
          <CardDescription>
            Each rule is checked every 30 seconds for every endpoint. One open incident per rule and endpoint; your admins and Waypoint support are mailed when it opens and when it resolves, and at most once an hour in between until someone acknowledges it. Order sources are watched too, with a fixed rule: {INTAKE_SPIKE.failures} failed intakes in {INTAKE_SPIKE.windowMs / 60_000} minutes open an incident for the source.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AlertSettingsForm key={scope.partnerId} rules={settings.rules} opsEndpointId={settings.opsEndpointId} endpoints={endpoints} save={canAdminister(scope) ? updateAlertSettingsAction : null} />
        </CardContent>
      </Card>
    </>
  );
}
