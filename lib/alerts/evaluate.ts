import "server-only";
import { db } from "@/lib/db/client";
import { currentConditions } from "@/lib/alerts/conditions";
import { unpaced, type Pace } from "@/lib/jobs/pace";
import { conditionInput, openIncident, resolveIncident, touchIncident } from "@/lib/alerts/incidents";
import { openIntakeFailuresIncident } from "@/lib/intake/alerts";

export type EvaluationResult = { opened: number; resolved: number; reminded: number };

/**
 * One pass of the alert rules over every endpoint and order source (the monitor loop runs it every
 * 30 s): a firing condition with no open incident opens one; a cleared one resolves it; an
 * "unknown" one leaves it; an open incident with no condition at all (its endpoint or order source
 * was deleted, or the partner switched the rule off) is resolved quietly. An order source's
 * incident is normally opened by the failed intake that crossed the threshold (lib/intake/alerts.ts);
 * the evaluator opens it only if that did not happen.
 */
export async function evaluateAlerts(now = new Date(), pace: Pace = unpaced): Promise<EvaluationResult> {
  // Open incidents first, then the conditions: an incident opened meanwhile (by a failed intake or
  // an auto-disable) is either missing from the list or judged on figures that include its cause.
  // One opened after `now` is not resolved by a condition measured at `now`.
  const open = await db.incident.findMany({ where: { status: { not: "resolved" } } });
  const conditions = await currentConditions(now, pace);
  const key = (c: { rule: string; endpointId: string }) => `${c.rule}:${c.endpointId}`;
  const openBy = new Map(open.map((i) => [key(i), i]));
  const result: EvaluationResult = { opened: 0, resolved: 0, reminded: 0 };
  const seen = new Set<string>();
  for (const c of conditions) {
    seen.add(key(c));
    const incident = openBy.get(key(c));
    if (c.state === "firing" && !incident) {
      const input = conditionInput(c);
      if (await (input.rule === "intake_failures" ? openIntakeFailuresIncident({ ...input, rule: input.rule }, now) : openIncident(input, now))) result.opened++;
    } else if (c.state === "firing" && incident) {
      const touched = await touchIncident(incident, { summary: c.summary, details: c.details }, now);
      if (touched === "reminded") result.reminded++;
      if (touched === "opened") result.opened++;
    } else if (c.state === "clear" && incident && incident.openedAt <= now) {
      if (await resolveIncident(incident.id, { now })) result.resolved++;
    }
  }
  for (const incident of open) {
    if (seen.has(key(incident))) continue;
    const why = incident.rule === "intake_failures" ? "the order source was deleted" : "the endpoint was deleted or the rule switched off";
    if (await resolveIncident(incident.id, { now, quiet: true, summary: `${incident.summary} (no longer watched: ${why})` })) result.resolved++;
  }
  return result;
}

