import "server-only";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Incident } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import type { Condition } from "@/lib/alerts/conditions";
import { notifyIncident } from "@/lib/alerts/notify";
import { RENOTIFY_AFTER_MS, type IncidentRule } from "@/lib/alerts/rules";

// An incident's life: opened (once per rule and endpoint at a time: openKey is unique while it is
// open), acknowledged by a person, resolved when the condition clears. For intake_failures the
// "endpoint" is an order source: endpointId holds its id, endpointUrl its name (rules.ts incidentTarget). Every change is a
// conditional update, so several evaluators (one per app process) never open, resolve or remind twice.

export const openKeyOf = (rule: IncidentRule, endpointId: string) => `${rule}:${endpointId}`;
const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === "P2002" || /Unique constraint/i.test(String((err as Error)?.message));

export type OpenInput = { partnerId: string; endpointId: string; endpointUrl: string; rule: IncidentRule; summary: string; details: object };

/** What opening an incident for a firing condition needs. */
export const conditionInput = (c: Condition): OpenInput => ({ partnerId: c.partnerId, endpointId: c.endpointId, endpointUrl: c.endpointUrl, rule: c.rule, summary: c.summary, details: c.details });

/**
 * Opens an incident unless one is open for this rule and endpoint; returns it, or null when one
 * already was. Its opening is notified unless this rule and endpoint were notified within the hour
 * (a flapping condition); then the hourly reminder tells, if it is still open by then.
 */
export async function openIncident(input: OpenInput, now = new Date()): Promise<Incident | null> {
  const previous = await db.incident.findFirst({ where: { endpointId: input.endpointId, rule: input.rule, lastNotifiedAt: { not: null } }, orderBy: { lastNotifiedAt: "desc" }, select: { lastNotifiedAt: true } });
  const quiet = previous?.lastNotifiedAt && now.getTime() - previous.lastNotifiedAt.getTime() < RENOTIFY_AFTER_MS;
  let incident: Incident;
  try {
    incident = await db.incident.create({
      data: {
        partnerId: input.partnerId,
        endpointId: input.endpointId,
        endpointUrl: input.endpointUrl,
        rule: input.rule,
        openKey: openKeyOf(input.rule, input.endpointId),
        summary: input.summary,
        details: input.details,
        openedAt: now,
        notifiedAt: quiet ? null : now,
        lastNotifiedAt: quiet ? previous!.lastNotifiedAt : now,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
  if (!quiet) await notifyIncident(incident, "opened", now);
  return incident;
}

/** Resolves an open incident (condition cleared: notified when its opening was; otherwise quietly). */
export async function resolveIncident(id: string, opts: { now?: Date; summary?: string; quiet?: boolean } = {}): Promise<Incident | null> {
  const now = opts.now ?? new Date();
  const { count } = await db.incident.updateMany({
    where: { id, status: { not: "resolved" } },
    data: { status: "resolved", resolvedAt: now, openKey: null, ...(opts.summary ? { summary: opts.summary } : {}) },
  });
  if (count === 0) return null;
  let incident = await db.incident.findUniqueOrThrow({ where: { id } });
  if (!opts.quiet && incident.notifiedAt) {
    incident = await db.incident.update({ where: { id }, data: { lastNotifiedAt: now } });
    await notifyIncident(incident, "resolved", now);
  }
  return incident;
}

/** Still open: keeps the latest figures; an hour after the last notice, tells again (mail) unless acknowledged. */
export async function touchIncident(incident: Incident, update: { summary: string; details: object }, now = new Date()): Promise<"reminded" | "opened" | null> {
  const due = new Date(now.getTime() - RENOTIFY_AFTER_MS);
  const remind = incident.status === "open" && (!incident.lastNotifiedAt || incident.lastNotifiedAt <= due);
  if (!remind) {
    await db.incident.updateMany({ where: { id: incident.id, status: { not: "resolved" } }, data: { details: update.details } });
    return null;
  }
  const { count } = await db.incident.updateMany({
    where: { id: incident.id, status: "open", OR: [{ lastNotifiedAt: null }, { lastNotifiedAt: { lte: due } }] },
    data: { details: update.details, summary: update.summary, lastNotifiedAt: now, ...(incident.notifiedAt ? {} : { notifiedAt: now }) },
  });
  if (count === 0) return null;
  const fresh = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
  // An opening that was held back (flapping) is told now as an opening, with its webhook.
  const transition = incident.notifiedAt ? "reminder" : "opened";
  await notifyIncident(fresh, transition, now);
  return transition === "reminder" ? "reminded" : "opened";
}

/**
 * A person takes the incident: no more hourly reminders; it still resolves by itself. Partner
 * users pass their partner (an incident of another partner is "not found"); support passes null.
 */
export async function acknowledgeIncident(partnerId: string | null, id: string, actor: AuditEntry["actor"]): Promise<{ id: string; status: string }> {
  const incident = await db.incident.findFirst({ where: { id, ...(partnerId ? { partnerId } : {}) } });
  if (!incident) throw notFound("Incident");
  if (incident.status === "resolved") throw new AppError("conflict", "This incident is already resolved.");
  if (incident.status === "acknowledged") return { id, status: "acknowledged" };
  await db.incident.updateMany({ where: { id, status: "open" }, data: { status: "acknowledged", acknowledgedAt: new Date(), acknowledgedBy: actor.email } });
  await recordAudit({ actor, partnerId: incident.partnerId, action: "incident.acknowledged", targetType: "incident", targetId: id, metadata: { rule: incident.rule, endpointId: incident.endpointId } });
  return { id, status: "acknowledged" };
}

export type IncidentRow = Pick<Incident, "id" | "partnerId" | "endpointId" | "endpointUrl" | "rule" | "status" | "summary" | "openedAt" | "acknowledgedAt" | "acknowledgedBy" | "resolvedAt">;
const ROW = { id: true, partnerId: true, endpointId: true, endpointUrl: true, rule: true, status: true, summary: true, openedAt: true, acknowledgedAt: true, acknowledgedBy: true, resolvedAt: true } as const;

/** A partner's incidents: open ones first, then the most recent resolved. */
export async function listIncidents(partnerId: string, limit = 50): Promise<IncidentRow[]> {
  const [open, closed] = await Promise.all([
    db.incident.findMany({ where: { partnerId, status: { not: "resolved" } }, orderBy: { openedAt: "desc" }, select: ROW }),
    db.incident.findMany({ where: { partnerId, status: "resolved" }, orderBy: { openedAt: "desc" }, take: limit, select: ROW }),
  ]);
  return [...open, ...closed];
}

/** Open incidents of a partner, for the dashboard banner. */
export const listOpenIncidents = (partnerId: string) => db.incident.findMany({ where: { partnerId, status: { not: "resolved" } }, orderBy: { openedAt: "desc" }, select: ROW });

/** Every partner's open incidents, for the support console. */
export const listOpenIncidentsAcrossPartners = () =>
  db.incident.findMany({ where: { status: { not: "resolved" } }, orderBy: { openedAt: "desc" }, take: 200, select: { ...ROW, partner: { select: { name: true } } } });
