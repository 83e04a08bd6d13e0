import "server-only";
import type { Incident } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import type { MailTemplate } from "@/lib/mail/types";
import { attemptOpsWebhook, queueOpsWebhook, type OpsPayload } from "@/lib/alerts/ops-webhook";
import { incidentTarget, opsEventType, RULE_LABEL } from "@/lib/alerts/rules";
import { INTAKE_SPIKE } from "@/lib/intake/rules";

// Who hears about an incident: the partner's admins and the support address (ALERT_SUPPORT_EMAIL)
// by mail, one mail each, and the partner's operational endpoint by a signed webhook. Openings
// and resolutions go everywhere; an hourly reminder of an unacknowledged incident goes by mail only.
// The same for an order source's intake_failures incident (its webhooks: order_source.failing and
// order_source.recovered, naming the source instead of an endpoint).

export type Transition = "opened" | "reminder" | "resolved";

/** The partner's admins, then the support address (whose link opens the support console). */
export async function recipientsOf(partnerId: string): Promise<{ to: string; support: boolean }[]> {
  const admins = await db.user.findMany({ where: { partnerId, role: "partner_admin" }, select: { email: true }, orderBy: { email: "asc" } });
  const out = admins.map((a) => ({ to: a.email.toLowerCase(), support: false }));
  const supportTo = env.ALERT_SUPPORT_EMAIL?.toLowerCase();
  if (supportTo && !out.some((r) => r.to === supportTo)) out.push({ to: supportTo, support: true });
  return out;
}

function mailFor(incident: Incident, partnerName: string, transition: Transition, forSupport: boolean): MailTemplate {
  // An automatic disable keeps the mail partners know (reason, and how to re-enable without losing anything).
  if (incident.rule === "endpoint_disabled" && transition === "opened") {
    return { kind: "endpoint_disabled", endpointUrl: incident.endpointUrl, reason: incident.summary, dashboardUrl: `${env.APP_URL}/endpoints/${incident.endpointId}` };
  }
  const target = incidentTarget(incident);
  // A failing order source: the admins get the intake mail (source, count, top reason, a link to its failures to replay).
  if (target.kind === "order_source" && transition === "opened" && !forSupport) {
    const d = incident.details as { failures?: unknown; windowSeconds?: unknown; topReason?: unknown } | null;
    return {
      kind: "intake_failures",
      sourceName: target.name,
      count: typeof d?.failures === "number" ? d.failures : INTAKE_SPIKE.failures,
      windowMinutes: (typeof d?.windowSeconds === "number" ? d.windowSeconds : INTAKE_SPIKE.windowMs / 1000) / 60,
      topReason: typeof d?.topReason === "string" ? d.topReason : "see the intake log",
      dashboardUrl: `${env.APP_URL}${target.href}`,
    };
  }
  return {
    kind: "incident",
    state: transition,
    partnerName,
    ruleLabel: RULE_LABEL[incident.rule],
    about: target.kind,
    target: target.label,
    summary: incident.summary,
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt,
    // Support acts across partners: the console lists every open incident.
    dashboardUrl: forSupport ? `${env.APP_URL}/support` : `${env.APP_URL}/incidents?id=${incident.id}`,
  };
}

export function opsPayloadFor(incident: Incident, transition: "opened" | "resolved", at: Date): OpsPayload {
  const target = incidentTarget(incident);
  return {
    type: opsEventType(incident.rule, transition),
    timestamp: at.toISOString(),
    data: {
      incident_id: incident.id,
      rule: incident.rule,
      status: transition === "resolved" ? "resolved" : "open",
      ...(target.kind === "order_source" ? { source_id: target.id, source_name: target.name } : { endpoint_id: target.id, endpoint_url: target.url }),
      summary: incident.summary,
      opened_at: incident.openedAt.toISOString(),
      resolved_at: incident.resolvedAt?.toISOString() ?? null,
      dashboard_url: `${env.APP_URL}/incidents?id=${incident.id}`,
    },
  };
}

/** Sends one transition's notices. Never throws: a mail or webhook problem must not stop the evaluator. */
export async function notifyIncident(incident: Incident, transition: Transition, at = new Date()): Promise<void> {
  try {
    const partner = await db.partner.findUnique({ where: { id: incident.partnerId }, select: { name: true } });
    if (!partner) return;
    for (const r of await recipientsOf(incident.partnerId)) await sendMail({ partnerId: incident.partnerId, to: r.to, template: mailFor(incident, partner.name, transition, r.support) });
    if (transition !== "reminder") {
      const id = await queueOpsWebhook({ partnerId: incident.partnerId, incidentId: incident.id, incidentEndpointId: incident.endpointId, payload: opsPayloadFor(incident, transition, at) });
      // In the background: a slow operational endpoint must not hold up the caller (an attempt path).
      if (id) void attemptOpsWebhook(id);
    }
  } catch (err) {
    logger.error({ err, incidentId: incident.id, transition }, "incident notification failed");
  }
}
