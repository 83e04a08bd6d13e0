import "server-only";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { INTAKE_SPIKE } from "@/lib/intake/rules";

// A spike of failed intakes for one source (rejected, failed, or refused signatures) alerts the
// partner's admins the way a failing endpoint does: a mail, an audit entry and a banner on every
// dashboard page. One statement claims the alert, so however many processes see the spike at
// once, one mail goes out, and at most one an hour per source.
const CLAIM_SQL = `
WITH recent AS (
  SELECT count(*)::int AS n,
         (SELECT reason FROM "IntakeLog" WHERE "sourceId" = $1 AND outcome IN ('rejected', 'failed', 'unauthorized') AND "receivedAt" > now() AT TIME ZONE 'UTC' - make_interval(secs => $2::int)
           GROUP BY reason ORDER BY count(*) DESC LIMIT 1) AS top_reason
    FROM "IntakeLog"
   WHERE "sourceId" = $1 AND outcome IN ('rejected', 'failed', 'unauthorized') AND "receivedAt" > now() AT TIME ZONE 'UTC' - make_interval(secs => $2::int)
)
UPDATE "OrderSource" s SET "lastAlertAt" = now() AT TIME ZONE 'UTC'
  FROM recent
 WHERE s.id = $1 AND recent.n >= $3
   AND (s."lastAlertAt" IS NULL OR s."lastAlertAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => $4::int))
RETURNING s."partnerId", s.name, recent.n, recent.top_reason`;

/** After a failed intake: alerts when the source crossed the threshold. Never throws (an alert must not fail an intake). */
export async function checkIntakeSpike(sourceId: string): Promise<boolean> {
  try {
    const [claimed] = await sql().query<{ partnerId: string; name: string; n: number; top_reason: string | null }>(
      CLAIM_SQL,
      [sourceId, INTAKE_SPIKE.windowMs / 1000, INTAKE_SPIKE.failures, INTAKE_SPIKE.alertEveryMs / 1000],
      "waypoint_intake_spike",
    );
    if (!claimed) return false;
    const windowMinutes = INTAKE_SPIKE.windowMs / 60_000;
    await recordAudit({
      actor: { id: null, email: "system" },
      partnerId: claimed.partnerId,
      action: "order_source.failing",
      targetType: "order_source",
      targetId: sourceId,
      metadata: { failures: claimed.n, windowMinutes, topReason: claimed.top_reason },
    });
    const admins = await db.user.findMany({ where: { partnerId: claimed.partnerId, role: "partner_admin" }, select: { email: true } });
    const dashboardUrl = `${env.APP_URL.replace(/\/$/, "")}/intake?source=${encodeURIComponent(sourceId)}`;
    for (const admin of admins) {
      await sendMail({
        partnerId: claimed.partnerId,
        to: admin.email,
        template: { kind: "intake_failures", sourceName: claimed.name, count: claimed.n, windowMinutes, topReason: claimed.top_reason ?? "see the intake log", dashboardUrl },
      });
    }
    return true;
  } catch (error) {
    logger.error({ err: error, sourceId }, "intake spike check failed");
    return false;
  }
}

/** Sources whose failure alert fired in the last 24 hours, for the dashboard banner. */
export const listFailingSources = (partnerId: string) =>
  db.orderSource.findMany({
    where: { partnerId, lastAlertAt: { gt: new Date(Date.now() - 24 * 60 * 60 * 1000) } },
    select: { id: true, name: true, lastAlertAt: true },
    orderBy: { lastAlertAt: "desc" },
  });
