import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { sql } from "@/lib/db/sql";
import { logger } from "@/lib/logger";
import type { Condition } from "@/lib/alerts/conditions";
import { conditionInput, openIncident, openKeyOf, type OpenInput } from "@/lib/alerts/incidents";
import { INTAKE_SPIKE } from "@/lib/intake/rules";

// A spike of failed intakes for one order source (rejected, failed, or refused signatures) raises
// the same alert as a failing endpoint: an intake_failures incident for that source (endpointId:
// the source's id, endpointUrl: its name), notified like every incident (lib/alerts/notify.ts:
// the admins' intake-failures mail, support, the operational webhook), shown in the incidents
// banner, the Incidents page and the support console. It opens the moment a failed intake crosses
// the threshold; the evaluator (lib/alerts/evaluate.ts, every 30 s) keeps its figures and resolves
// it once fewer failures than the threshold remain in the window. The incident's unique openKey
// makes concurrent failing intakes open one incident, notified once (and at most one notice an
// hour per source, reminders included: lib/alerts/incidents.ts).

const FAILED = `l.outcome IN ('rejected', 'failed', 'unauthorized')`;
// $1: the evaluator's clock, or null for the database's (an intake counting the row it just wrote).
const AT = `(coalesce($1::timestamptz, now()) AT TIME ZONE 'UTC')`;
// The upper bound only for the evaluator's clock: an intake's own row, written a moment ago with
// now() rounded to the column's milliseconds, can stand a fraction of a millisecond after this
// statement's now() and would miss its own count (seen: the tenth failure did not open the incident).
const IN_WINDOW = `l."receivedAt" > ${AT} - make_interval(secs => $2::int) AND ($1::timestamptz IS NULL OR l."receivedAt" <= ${AT})`;
const OPEN_INCIDENT = `EXISTS (SELECT 1 FROM "Incident" i WHERE i."openKey" = '${openKeyOf("intake_failures", "")}' || s.id)`;

/** Per source, through the (sourceId, receivedAt) index: failures in the window, and the most common reason once over the threshold. */
const counts = (where: string) => `
SELECT s.id AS source_id, s."partnerId" AS partner_id, s.name, f.failures,
       CASE WHEN f.failures >= $3 THEN (
         SELECT l.reason FROM "IntakeLog" l WHERE l."sourceId" = s.id AND ${FAILED} AND ${IN_WINDOW}
          GROUP BY l.reason ORDER BY count(*) DESC, l.reason LIMIT 1) END AS top_reason
  FROM "OrderSource" s
  CROSS JOIN LATERAL (SELECT count(*)::int AS failures FROM "IntakeLog" l WHERE l."sourceId" = s.id AND ${FAILED} AND ${IN_WINDOW}) f
 WHERE ${where}`;

// After a failed intake: this source over the threshold with no incident open yet.
const SPIKE_SQL = counts(`s.id = $4 AND NOT ${OPEN_INCIDENT} AND f.failures >= $3`);
// The evaluator: sources with failures in the window, and those with an incident to keep or resolve.
const CONDITIONS_SQL = counts(`f.failures > 0 OR ${OPEN_INCIDENT}`);

type Row = { source_id: string; partner_id: string; name: string; failures: number; top_reason: string | null };

const windowSeconds = INTAKE_SPIKE.windowMs / 1000;
const windowMinutes = INTAKE_SPIKE.windowMs / 60_000;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "12 failed intakes in the last 15 min (threshold 10); top reason: customer_phone: missing …" */
export function intakeFailuresSummary(failures: number, topReason: string | null): string {
  const base = `${failures} failed ${failures === 1 ? "intake" : "intakes"} in the last ${windowMinutes} min (threshold ${INTAKE_SPIKE.failures})`;
  return topReason ? `${base}; top reason: ${clip(topReason, 200)}` : `${base}.`;
}

function conditionOf(row: Row): Condition {
  const firing = row.failures >= INTAKE_SPIKE.failures;
  return {
    rule: "intake_failures",
    endpointId: row.source_id,
    endpointUrl: row.name,
    partnerId: row.partner_id,
    state: firing ? "firing" : "clear",
    summary: intakeFailuresSummary(row.failures, firing ? row.top_reason : null),
    details: { failures: row.failures, threshold: INTAKE_SPIKE.failures, windowSeconds, topReason: row.top_reason },
  };
}

/** The intake_failures condition of every source with failures in the window or an open incident (for the evaluator). */
export async function intakeConditions(now: Date): Promise<Condition[]> {
  const rows = await sql().query<Row>(CONDITIONS_SQL, [now.toISOString(), windowSeconds, INTAKE_SPIKE.failures], "waypoint_intake_conditions");
  return rows.map(conditionOf);
}

/**
 * Opens a source's intake_failures incident (notified as every incident is) and, when this call
 * opened it, records it in the partner's audit log. Null when one was already open.
 */
export async function openIntakeFailuresIncident(input: OpenInput & { rule: "intake_failures" }, now = new Date()) {
  const incident = await openIncident(input, now);
  if (incident) {
    await recordAudit({
      actor: { id: null, email: "system" },
      partnerId: input.partnerId,
      action: "order_source.failing",
      targetType: "order_source",
      targetId: input.endpointId,
      metadata: { ...(input.details as Record<string, unknown>), windowMinutes, incidentId: incident.id },
    });
  }
  return incident;
}

/** After a failed intake: opens the source's incident when it crossed the threshold. Never throws (an alert must not fail an intake). */
export async function checkIntakeSpike(sourceId: string, now = new Date()): Promise<boolean> {
  try {
    const [row] = await sql().query<Row>(SPIKE_SQL, [null, windowSeconds, INTAKE_SPIKE.failures, sourceId], "waypoint_intake_spike");
    if (!row) return false;
    // Several intakes can cross the threshold at once: the incident's unique openKey lets one open it.
    const incident = await openIntakeFailuresIncident({ ...conditionInput(conditionOf(row)), rule: "intake_failures" }, now);
    return incident !== null;
  } catch (error) {
    logger.error({ err: error, sourceId }, "intake spike check failed");
    return false;
  }
}
