import "server-only";
import { db } from "@/lib/db/client";
import { currentConditions, type Condition } from "@/lib/alerts/conditions";
import { openIncident, resolveIncident, touchIncident } from "@/lib/alerts/incidents";

export type EvaluationResult = { opened: number; resolved: number; reminded: number };

/**
 * One pass of the alert rules over every endpoint (the monitor loop runs it every 30 s): a firing
 * condition with no open incident opens one; a cleared one resolves it; an "unknown" one leaves it;
 * an open incident with no condition at all (its endpoint was deleted, or the partner switched the
 * rule off) is resolved quietly.
 */
export async function evaluateAlerts(now = new Date()): Promise<EvaluationResult> {
  const [conditions, open] = await Promise.all([currentConditions(now), db.incident.findMany({ where: { status: { not: "resolved" } } })]);
  const key = (c: { rule: string; endpointId: string }) => `${c.rule}:${c.endpointId}`;
  const openBy = new Map(open.map((i) => [key(i), i]));
  const result: EvaluationResult = { opened: 0, resolved: 0, reminded: 0 };
  const seen = new Set<string>();
  for (const c of conditions) {
    seen.add(key(c));
    const incident = openBy.get(key(c));
    if (c.state === "firing" && !incident) {
      if (await openIncident(conditionInput(c), now)) result.opened++;
    } else if (c.state === "firing" && incident) {
      const touched = await touchIncident(incident, { summary: c.summary, details: c.details }, now);
      if (touched === "reminded") result.reminded++;
      if (touched === "opened") result.opened++;
    } else if (c.state === "clear" && incident) {
      if (await resolveIncident(incident.id, { now })) result.resolved++;
    }
  }
  for (const incident of open) {
    if (seen.has(key(incident))) continue;
    if (await resolveIncident(incident.id, { now, quiet: true, summary: `${incident.summary} (no longer watched: the endpoint was deleted or the rule switched off)` })) result.resolved++;
  }
  return result;
}

const conditionInput = (c: Condition) => ({ partnerId: c.partnerId, endpointId: c.endpointId, endpointUrl: c.endpointUrl, rule: c.rule, summary: c.summary, details: c.details });
