// lib/intake owns order intake: order sources, signature checks, field mapping, the intake log and its alerts.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { sql, sqlTransaction, type Sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { readBodyBytes, type BodyLimits } from "@/lib/http/body";
import { announce } from "@/lib/jobs/announce";
import { logger } from "@/lib/logger";
import { createOrder } from "@/lib/orders/create-order";
import { enforceRateLimit, type RateLimitRule } from "@/lib/security/rate-limit";
import { checkIntakeSpike } from "@/lib/intake/alerts";
import { canonicalize } from "@/lib/intake/canonical";
import { decide, parseJsonKeepingBigIntegers } from "@/lib/intake/channels";
import type { FieldMapping, IntakeOutcome, IntakeValidation, OrderSourceType } from "@/lib/intake/rules";
import { verifyingSecrets } from "@/lib/intake/sources";
import { deliveryOf, verifyIntake } from "@/lib/intake/verify";

// POST /api/v1/intake/{sourceId}: a sales channel's order webhook. The order it carries goes
// through createOrder, the same write as POST /api/v1/orders (one statement: order, event,
// deliveries, SMS), inside a transaction with its intake log entry. Order of work, cheapest
// refusal first: unknown source (404) → per-source rate limit (429) → bounded body read
// (413/408) → signature on the raw bytes (401, logged without the body) → paused source (403)
// → channel retry of a delivery already taken (200 duplicate) → JSON (400) → channel rules
// (200 ignored) → mapping and validation (422 naming the field) → the order (201, or 200
// duplicate when the order ref exists). Every request that names a real source is logged.

/**
 * Channel payloads carry line items, tax lines, addresses and metafields: a 30-item Shopify
 * order is ~100 KB. 256 KiB leaves room and still bounds memory per request.
 */
export const INTAKE_BODY_LIMITS: BodyLimits = { maxBytes: 256 * 1024, timeoutMs: 10_000 };
/** Per source: a flash sale on a storefront is bursts of a few hundred orders a minute. */
export const INTAKE_RATE_LIMIT: RateLimitRule = { limit: 3000, windowSeconds: 60 };

export type IntakeSource = {
  id: string;
  partnerId: string;
  type: OrderSourceType;
  validation: IntakeValidation;
  mapping: FieldMapping | null;
  enabled: boolean;
  encryptedSecret: string;
  previousEncryptedSecret: string | null;
  previousExpiresAt: Date | null;
  defaultCountry: string;
  name: string;
};

const SOURCE_SQL = `
SELECT s.id, s."partnerId", s.type::text AS type, s.validation::text AS validation, s.mapping, s.enabled, s.name,
       s."encryptedSecret", s."previousEncryptedSecret", s."previousExpiresAt", p."defaultCountry"
  FROM "OrderSource" s JOIN "Partner" p ON p.id = s."partnerId"
 WHERE s.id = $1`;

export async function loadIntakeSource(sourceId: string, db: Sql = sql()): Promise<IntakeSource | null> {
  if (!/^src_[\w-]{10,64}$/.test(sourceId)) return null;
  const [row] = await db.query<IntakeSource>(SOURCE_SQL, [sourceId], "waypoint_intake_source");
  return row ?? null;
}

// --- The log -----------------------------------------------------------------------------------------

const SECRET_HEADER = /signature|hmac|authorization|cookie|token|secret|api-key|password/i;

/** Every header, with signatures and credentials replaced: the log shows what came, never a secret. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = SECRET_HEADER.test(name) ? "[removed]" : value.slice(0, 500);
  return out;
}

type LogFields = {
  outcome: IntakeOutcome;
  reasonCode?: string | null;
  reason?: string | null;
  orderRef?: string | null;
  orderId?: string | null;
};
type NewEntry = { partnerId: string; sourceId: string; deliveryId: string | null; topic: string | null; headers: Record<string, string>; body: string | null; verified: boolean };

const INSERT_LOG_SQL = `
INSERT INTO "IntakeLog" (id, "partnerId", "sourceId", "receivedAt", "deliveryId", topic, headers, body, verified, outcome, "reasonCode", reason, "orderRef", "orderId")
VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC', $4, $5, $6::jsonb, $7, $8, $9::"IntakeOutcome", $10, $11, $12, $13)`;
const REPLAY_LOG_SQL = `
UPDATE "IntakeLog" SET outcome = $2::"IntakeOutcome", "reasonCode" = $3, reason = $4, "orderRef" = coalesce($5, "orderRef"), "orderId" = $6,
       "replayCount" = "replayCount" + 1, "lastReplayedAt" = now() AT TIME ZONE 'UTC'
 WHERE id = $1`;

/** Where an outcome is written: a new entry for a request, or the entry being replayed. */
export type LogTarget = { kind: "new"; entry: NewEntry } | { kind: "replay"; id: string };

async function writeLog(db: Sql, target: LogTarget, fields: LogFields): Promise<string> {
  const clip = (v: string | null | undefined, n: number) => (v == null ? null : v.slice(0, n));
  if (target.kind === "replay") {
    await db.query(REPLAY_LOG_SQL, [target.id, fields.outcome, fields.reasonCode ?? null, clip(fields.reason, 1000), clip(fields.orderRef, 200), fields.orderId ?? null]);
    return target.id;
  }
  const id = `ilg_${randomUUID().replace(/-/g, "")}`;
  const e = target.entry;
  await db.query(
    INSERT_LOG_SQL,
    [id, e.partnerId, e.sourceId, e.deliveryId, e.topic, JSON.stringify(e.headers), e.body, e.verified, fields.outcome, fields.reasonCode ?? null, clip(fields.reason, 1000), clip(fields.orderRef, 200), fields.orderId ?? null],
    "waypoint_intake_log",
  );
  return id;
}

// --- Answers -----------------------------------------------------------------------------------------

export type IntakeResult = {
  status: number;
  intakeId: string;
  outcome: IntakeOutcome;
  reasonCode: string | null;
  reason: string | null;
  orderId: string | null;
  field?: string;
  trackingUrl?: string;
  phoneIssue?: string | null;
  notes?: string[];
};

/** The channel's answer: 2xx for what needs no resend (accepted, duplicate, ignored), the error shape for the rest. */
export function intakeResponse(r: IntakeResult): Response {
  if (r.status < 300) {
    return NextResponse.json(
      {
        intake_id: r.intakeId,
        outcome: r.outcome,
        order_id: r.orderId,
        ...(r.trackingUrl ? { tracking_url: r.trackingUrl } : {}),
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.phoneIssue ? { phone_issue: r.phoneIssue } : {}),
        ...(r.notes?.length ? { notes: r.notes } : {}),
      },
      { status: r.status },
    );
  }
  const code = r.status === 401 ? "unauthorized" : r.status === 403 ? "forbidden" : r.status === 400 ? "bad_request" : r.status === 415 ? "unsupported_media_type" : r.status === 422 ? "validation_failed" : "internal";
  return NextResponse.json(
    { error: { code, message: r.reason ?? "Intake failed.", details: { intake_id: r.intakeId, outcome: r.outcome, reason_code: r.reasonCode, ...(r.field ? { field: r.field } : {}) } } },
    { status: r.status },
  );
}

// --- Receiving ---------------------------------------------------------------------------------------

const utf8 = new TextDecoder("utf-8", { fatal: true });
const FAILURES: IntakeOutcome[] = ["rejected", "failed", "unauthorized"];

/** WooCommerce pings a new webhook's URL once, unsigned and form-encoded: `webhook_id=12`. */
function isWooCommercePing(headers: Headers, bytes: Uint8Array) {
  return bytes.byteLength < 64 && /^webhook_id=\d+$/.test(Buffer.from(bytes).toString("latin1")) && !headers.has("x-wc-webhook-signature");
}

function declaredNonJson(headers: Headers) {
  const type = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type !== undefined && type !== "" && type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type);
}

const DUPLICATE_DELIVERY_SQL = `
SELECT id, "orderId" FROM "IntakeLog"
 WHERE "sourceId" = $1 AND "deliveryId" = $2 AND outcome IN ('accepted', 'duplicate', 'ignored')
 ORDER BY "receivedAt" LIMIT 1`;

export async function receiveIntake(request: Request, sourceId: string): Promise<IntakeResult> {
  const source = await loadIntakeSource(sourceId);
  if (!source) throw new AppError("not_found", "Unknown intake URL. Copy it again from Settings → Order sources.");
  await enforceRateLimit(`intake:${source.id}`, INTAKE_RATE_LIMIT, "requests for this order source");
  const bytes = await readBodyBytes(request, INTAKE_BODY_LIMITS);
  const headers = request.headers;
  const { deliveryId, topic } = deliveryOf(source.type, headers);
  const entry = (body: string | null, verified: boolean): LogTarget => ({
    kind: "new",
    entry: { partnerId: source.partnerId, sourceId: source.id, deliveryId, topic, headers: redactHeaders(headers), body, verified },
  });
  const finish = async (target: LogTarget, status: number, fields: LogFields & { field?: string }): Promise<IntakeResult> => {
    const intakeId = await writeLog(sql(), target, fields);
    if (FAILURES.includes(fields.outcome)) await checkIntakeSpike(source.id);
    return { status, intakeId, outcome: fields.outcome, reasonCode: fields.reasonCode ?? null, reason: fields.reason ?? null, orderId: fields.orderId ?? null, field: fields.field };
  };

  if (source.type === "woocommerce" && isWooCommercePing(headers, bytes)) {
    return finish(entry(null, false), 200, { outcome: "ignored", reasonCode: "ping", reason: "WooCommerce's test ping when the webhook was saved: nothing to do." });
  }
  const verification = verifyIntake(source.type, headers, bytes, verifyingSecrets(source));
  if (!verification.ok) {
    // Recorded without the body: an unsigned request's content is not the partner's data.
    return finish(entry(null, false), 401, { outcome: "unauthorized", reasonCode: "signature_invalid", reason: verification.reason });
  }
  await sql().query(`UPDATE "OrderSource" SET "lastReceivedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1 AND ("lastReceivedAt" IS NULL OR "lastReceivedAt" < now() AT TIME ZONE 'UTC' - interval '1 minute')`, [source.id]);

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return finish(entry(null, true), 400, { outcome: "rejected", reasonCode: "bad_body", reason: "The body is not UTF-8 text." });
  }
  if (!source.enabled) {
    // Kept with its body: once the source is enabled again it can be replayed.
    return finish(entry(text, true), 403, { outcome: "rejected", reasonCode: "source_paused", reason: "This order source is paused in Waypoint. Enable it under Settings → Order sources, then replay." });
  }
  if (deliveryId) {
    const [seen] = await sql().query<{ id: string; orderId: string | null }>(DUPLICATE_DELIVERY_SQL, [source.id, deliveryId], "waypoint_intake_seen");
    if (seen) {
      return finish(entry(null, true), 200, { outcome: "duplicate", reasonCode: "delivery_seen", reason: `Delivery ${deliveryId} was already received (intake ${seen.id}); nothing was written again.`, orderId: seen.orderId });
    }
  }
  if (declaredNonJson(headers)) {
    return finish(entry(text, true), 415, { outcome: "rejected", reasonCode: "not_json", reason: `Content-Type must be application/json; this request sent "${headers.get("content-type")}".` });
  }
  return processIntake(source, text, topic, entry(text, true));
}

/**
 * From the verified body to the order: parse, the channel's rules, the mapping, validation,
 * then createOrder with the log entry in one transaction. Used for new requests and replays.
 */
export async function processIntake(source: IntakeSource, text: string, topic: string | null, target: LogTarget): Promise<IntakeResult> {
  const done = async (status: number, fields: LogFields & { field?: string }, extra: Partial<IntakeResult> = {}): Promise<IntakeResult> => {
    const intakeId = await writeLog(sql(), target, fields);
    if (FAILURES.includes(fields.outcome)) await checkIntakeSpike(source.id);
    return { status, intakeId, outcome: fields.outcome, reasonCode: fields.reasonCode ?? null, reason: fields.reason ?? null, orderId: fields.orderId ?? null, field: fields.field, ...extra };
  };
  let payload: unknown;
  try {
    payload = parseJsonKeepingBigIntegers(text);
  } catch {
    return done(400, { outcome: "rejected", reasonCode: "bad_json", reason: "The body is not valid JSON." });
  }
  const decision = decide(source.type, payload, { topic, mapping: source.mapping });
  if (decision.kind === "ignore") return done(200, { outcome: "ignored", reasonCode: decision.reasonCode, reason: decision.reason, orderRef: decision.orderRef });
  const orderRef = decision.candidate.values.merchant_order_ref ?? null;
  const canonical = canonicalize(decision.candidate, { validation: source.validation, country: source.defaultCountry });
  if (!canonical.ok) return done(422, { outcome: "rejected", reasonCode: canonical.reasonCode, reason: canonical.message, orderRef, field: canonical.field });

  try {
    const { created, intakeId } = await sqlTransaction(async (tx) => {
      const created = await createOrder(tx, { partnerId: source.partnerId }, canonical.body, { intake: { source: source.type, phoneIssue: canonical.phoneIssue } });
      const reason = canonical.notes.length ? canonical.notes.join("; ") : null;
      const intakeId = await writeLog(tx, target, { outcome: "accepted", reasonCode: canonical.phoneIssue ? "phone_flagged" : null, reason, orderRef, orderId: created.body.order_id });
      return { created, intakeId };
    });
    if (created.deliveries.length) await announce("delivery", created.deliveries.map((d) => ({ id: d.id, group: d.endpointId })));
    if (created.smsId) await announce("sms", [{ id: created.smsId }]);
    return {
      status: 201,
      intakeId,
      outcome: "accepted",
      reasonCode: canonical.phoneIssue ? "phone_flagged" : null,
      reason: null,
      orderId: created.body.order_id,
      trackingUrl: created.body.tracking_url,
      phoneIssue: canonical.phoneIssue,
      notes: canonical.notes,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") {
      // The order ref exists (an orders/updated after orders/create, or a replay): never a second order.
      const [existing] = await sql().query<{ id: string }>(`SELECT id FROM "Order" WHERE "partnerId" = $1 AND "merchantOrderRef" = $2`, [source.partnerId, canonical.body.merchant_order_ref]);
      return done(200, { outcome: "duplicate", reasonCode: "order_exists", reason: `Order ${canonical.body.merchant_order_ref} already exists; nothing was written again.`, orderRef, orderId: existing?.id ?? null });
    }
    logger.error({ err: error, sourceId: source.id }, "intake failed");
    return done(500, { outcome: "failed", reasonCode: "internal", reason: "Waypoint could not record the order (an internal error, logged). Replay it, or the channel's retry will." });
  }
}
