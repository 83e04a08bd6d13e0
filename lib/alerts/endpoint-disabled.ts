import "server-only";
import { db } from "@/lib/db/client";
import { openIncident } from "@/lib/alerts/incidents";
import { effectiveRules } from "@/lib/alerts/rules";

/**
 * Called by lib/delivery/auto-disable.ts the moment it switches an endpoint off: the incident
 * opens at once (mail to the admins and support, endpoint.disabled to the operational endpoint)
 * rather than at the evaluator's next pass, which only resolves it once the endpoint is back on.
 */
export async function openEndpointDisabledIncident(input: { partnerId: string; endpointId: string; endpointUrl: string; reason: string }, now = new Date()) {
  const settings = await db.alertSettings.findUnique({ where: { partnerId: input.partnerId }, select: { overrides: true } });
  if (!effectiveRules(settings?.overrides).endpoint_disabled.enabled) return null;
  return openIncident({ ...input, rule: "endpoint_disabled", summary: input.reason, details: { reason: input.reason } }, now);
}
