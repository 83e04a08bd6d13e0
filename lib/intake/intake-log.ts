import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/endpoints/actor";
import { AppError, notFound } from "@/lib/errors";
import { loadIntakeSource, processIntake, type IntakeResult } from "@/lib/intake/receive";
import { INTAKE_OUTCOMES, REPLAYABLE_OUTCOMES, type IntakeOutcome } from "@/lib/intake/rules";

// The intake log: every request an intake URL received. Listed newest first with filters in the
// URL (like the Event Log), with the open failures grouped by reason on top, the groups that hit
// the most distinct orders first. A failure is open until an order with its ref or a later
// delivery with its delivery id was accepted.

export const INTAKE_RANGES = ["24h", "7d", "30d"] as const;
const RANGE_MS: Record<(typeof INTAKE_RANGES)[number], number> = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 };
export const INTAKE_LOG_LIMIT = 200;
export const BULK_REPLAY_LIMIT = 500;

export const intakeFilterSchema = z.strictObject({
  source: z.string().trim().max(80).optional(),
  outcome: z.enum(INTAKE_OUTCOMES).optional(),
  reason: z.string().trim().max(60).optional(),
  range: z.enum(INTAKE_RANGES).default("7d"),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(INTAKE_LOG_LIMIT).default(INTAKE_LOG_LIMIT),
});
export type IntakeFilter = z.output<typeof intakeFilterSchema>;

/** From URL search params or a JSON body; empty strings mean "any". */
export function parseIntakeFilter(input: Record<string, unknown>): IntakeFilter {
  const cleaned = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  return intakeFilterSchema.parse(cleaned);
}

function whereOf(partnerId: string, f: IntakeFilter, extra: string[] = []) {
  const params: unknown[] = [partnerId, new Date(Date.now() - RANGE_MS[f.range]).toISOString()];
  const where = [`l."partnerId" = $1`, `l."receivedAt" >= ($2::timestamptz AT TIME ZONE 'UTC')`, ...extra];
  if (f.source) where.push(`l."sourceId" = $${params.push(f.source)}`);
  if (f.outcome) where.push(`l.outcome = $${params.push(f.outcome)}::"IntakeOutcome"`);
  if (f.reason) where.push(`l."reasonCode" = $${params.push(f.reason)}`);
  if (f.q) where.push(`(l."orderRef" = $${params.push(f.q)} OR l."deliveryId" = $${params.length} OR l.id = $${params.length} OR l."orderId" = $${params.length})`);
  return { where: where.join(" AND "), params };
}

// Failures nothing has resolved since: no request (or replay) with the same order ref or the same
// delivery id was accepted, or found its order already there.
const OPEN_FAILURE = `l.outcome IN ('rejected', 'failed', 'unauthorized') AND NOT EXISTS (
  SELECT 1 FROM "IntakeLog" ok
   WHERE ok."sourceId" = l."sourceId" AND ok.outcome IN ('accepted', 'duplicate') AND ok.id <> l.id
     AND ((l."orderRef" IS NOT NULL AND ok."orderRef" = l."orderRef") OR (l."deliveryId" IS NOT NULL AND ok."deliveryId" = l."deliveryId")))`;

type EntryRow = {
  id: string;
  sourceId: string;
  source_name: string;
  source_type: string;
  receivedAt: Date;
  deliveryId: string | null;
  topic: string | null;
  verified: boolean;
  outcome: IntakeOutcome;
  reasonCode: string | null;
  reason: string | null;
  orderRef: string | null;
  orderId: string | null;
  replayCount: number;
  lastReplayedAt: Date | null;
  has_body: boolean;
};

const toEntry = (r: EntryRow) => ({
  id: r.id,
  source_id: r.sourceId,
  source_name: r.source_name,
  source_type: r.source_type,
  received_at: new Date(r.receivedAt).toISOString(),
  delivery_id: r.deliveryId,
  topic: r.topic,
  verified: r.verified,
  outcome: r.outcome,
  reason_code: r.reasonCode,
  reason: r.reason,
  order_ref: r.orderRef,
  order_id: r.orderId,
  replay_count: r.replayCount,
  last_replayed_at: r.lastReplayedAt ? new Date(r.lastReplayedAt).toISOString() : null,
  replayable: r.has_body && r.verified && (REPLAYABLE_OUTCOMES as readonly string[]).includes(r.outcome),
});
export type IntakeEntry = ReturnType<typeof toEntry>;

// receivedAt is stored as UTC without a zone (like every Prisma DateTime here): read it as UTC.
const ENTRY_COLUMNS = `l.id, l."sourceId", s.name AS source_name, s.type::text AS source_type, (l."receivedAt" AT TIME ZONE 'UTC') AS "receivedAt", l."deliveryId", l.topic, l.verified,
  l.outcome::text AS outcome, l."reasonCode", l.reason, l."orderRef", l."orderId", l."replayCount", (l."lastReplayedAt" AT TIME ZONE 'UTC') AS "lastReplayedAt", (l.body IS NOT NULL) AS has_body`;

export async function listIntakeLog(partnerId: string, filter: IntakeFilter) {
  const { where, params } = whereOf(partnerId, filter);
  const rows = await sql().query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM "IntakeLog" l JOIN "OrderSource" s ON s.id = l."sourceId" WHERE ${where} ORDER BY l."receivedAt" DESC, l.id DESC LIMIT ${filter.limit}`,
    params,
  );
  return rows.map(toEntry);
}

type GroupRow = { sourceId: string; source_name: string; outcome: IntakeOutcome; reasonCode: string | null; reason: string | null; count: number; orders: number; replayable: number; last_seen: Date };

/** Open failures grouped by source and reason: most distinct orders affected first, then most requests. */
export async function intakeFailureGroups(partnerId: string, filter: IntakeFilter) {
  if (filter.outcome && !["rejected", "failed", "unauthorized"].includes(filter.outcome)) return [];
  const { where, params } = whereOf(partnerId, filter, [OPEN_FAILURE]);
  const rows = await sql().query<GroupRow>(
    `SELECT l."sourceId", s.name AS source_name, l.outcome::text AS outcome, l."reasonCode",
            (array_agg(l.reason ORDER BY l."receivedAt" DESC))[1] AS reason,
            count(*)::int AS count, count(DISTINCT l."orderRef")::int AS orders,
            count(*) FILTER (WHERE l.body IS NOT NULL AND l.verified AND l.outcome IN ('rejected', 'failed'))::int AS replayable,
            max(l."receivedAt") AT TIME ZONE 'UTC' AS last_seen
       FROM "IntakeLog" l JOIN "OrderSource" s ON s.id = l."sourceId"
      WHERE ${where}
      GROUP BY l."sourceId", s.name, l.outcome, l."reasonCode"
      ORDER BY count(DISTINCT l."orderRef") DESC, count(*) DESC, max(l."receivedAt") DESC
      LIMIT 50`,
    params,
  );
  return rows.map((r) => ({
    source_id: r.sourceId,
    source_name: r.source_name,
    outcome: r.outcome,
    reason_code: r.reasonCode,
    reason: r.reason,
    count: r.count,
    orders_affected: r.orders,
    replayable: r.replayable,
    last_seen_at: new Date(r.last_seen).toISOString(),
  }));
}
export type IntakeFailureGroup = Awaited<ReturnType<typeof intakeFailureGroups>>[number];

/** One entry with its headers and body, for the detail view. */
export async function getIntakeEntry(partnerId: string, intakeId: string) {
  const [row] = await sql().query<EntryRow & { headers: Record<string, string>; body: string | null }>(
    `SELECT ${ENTRY_COLUMNS}, l.headers, l.body FROM "IntakeLog" l JOIN "OrderSource" s ON s.id = l."sourceId" WHERE l.id = $1 AND l."partnerId" = $2`,
    [intakeId, partnerId],
  );
  if (!row) throw notFound("Intake");
  return { ...toEntry(row), headers: row.headers, body: row.body };
}

const REPLAY_ROW_SQL = `SELECT id, "sourceId", topic, body, verified, outcome::text AS outcome FROM "IntakeLog" WHERE id = $1 AND "partnerId" = $2`;

export type ReplayResult = { intake_id: string; outcome: IntakeOutcome; order_id: string | null; reason_code: string | null; reason: string | null };
const toReplayResult = (r: IntakeResult): ReplayResult => ({ intake_id: r.intakeId, outcome: r.outcome, order_id: r.orderId, reason_code: r.reasonCode, reason: r.reason });

/** Runs a failed or rejected intake again with the source's current mapping and settings (its signature was checked when it arrived). */
async function replayRow(partnerId: string, intakeId: string): Promise<ReplayResult> {
  const [row] = await sql().query<{ id: string; sourceId: string; topic: string | null; body: string | null; verified: boolean; outcome: IntakeOutcome }>(REPLAY_ROW_SQL, [intakeId, partnerId]);
  if (!row) throw notFound("Intake");
  if (!(REPLAYABLE_OUTCOMES as readonly string[]).includes(row.outcome)) throw new AppError("conflict", `Intake ${intakeId} was ${row.outcome}: only rejected and failed intakes are replayed.`);
  if (!row.verified || row.body === null) throw new AppError("conflict", `Intake ${intakeId} has no verified body to replay (a request with a bad signature is never kept).`);
  const source = await loadIntakeSource(row.sourceId);
  if (!source || source.partnerId !== partnerId) throw notFound("Intake");
  if (!source.enabled) throw new AppError("conflict", "The order source is paused: enable it under Settings → Order sources, then replay.");
  return toReplayResult(await processIntake(source, row.body, row.topic, { kind: "replay", id: row.id }));
}

export async function replayIntake(partnerId: string, intakeId: string, actor: Actor): Promise<ReplayResult> {
  const result = await replayRow(partnerId, intakeId);
  await recordAudit({ actor, partnerId, action: "intake.replayed", targetType: "intake", targetId: intakeId, metadata: { outcome: result.outcome, orderId: result.order_id } });
  return result;
}

/** Replays every open, replayable failure matching the filter (oldest first, so orders keep their arrival order). */
export async function replayFailedIntakes(partnerId: string, filter: IntakeFilter, actor: Actor) {
  const { where, params } = whereOf(partnerId, { ...filter, outcome: undefined }, [OPEN_FAILURE, `l.outcome IN ('rejected', 'failed')`, `l.body IS NOT NULL`, `l.verified`]);
  const rows = await sql().query<{ id: string }>(`SELECT l.id FROM "IntakeLog" l WHERE ${where} ORDER BY l."receivedAt" ASC LIMIT ${BULK_REPLAY_LIMIT}`, params);
  const counts: Record<IntakeOutcome, number> = { accepted: 0, duplicate: 0, ignored: 0, rejected: 0, unauthorized: 0, failed: 0 };
  for (const row of rows) {
    try {
      counts[(await replayRow(partnerId, row.id)).outcome]++;
    } catch {
      counts.failed++;
    }
  }
  await recordAudit({ actor, partnerId, action: "intake.bulk_replayed", targetType: "intake", metadata: { filter, replayed: rows.length, ...counts } });
  return { replayed: rows.length, accepted: counts.accepted, duplicate: counts.duplicate, ignored: counts.ignored, still_failing: counts.rejected + counts.failed };
}

/** The sources, for the filter bar. */
export const intakeSourceOptions = (partnerId: string) => db.orderSource.findMany({ where: { partnerId }, select: { id: true, name: true, type: true }, orderBy: { createdAt: "asc" } });
