import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { evaluateEndpointAfterDeadLetter } from "@/lib/delivery/auto-disable";
import { DEMO_ENDPOINTS, demoReceiverUrl, type DemoEndpoint } from "@/lib/dev/demo-endpoints";
import { demoBehaviours, planDelivery, type PlannedAttempt } from "@/lib/dev/history";
import type { Random } from "@/lib/dev/traffic";
import { judgeCheck } from "@/lib/endpoints/check-rules";
import { endpointUrlProblem } from "@/lib/endpoints/check-url";
import { rotateEndpointSecret } from "@/lib/endpoints/secrets";
import type { EventType } from "@/lib/events/catalog";
import type { PayloadV2 } from "@/lib/events/payload-v2";
import { samplePayload } from "@/lib/events/sample";
import { trackingUrl } from "@/lib/orders/tracking-url";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { renderTemplate } from "@/lib/sms/render-template";
import { valuesForEvent } from "@/lib/sms/values-for-event";
import { createEndpoint, createIngestKey } from "@/prisma/factories";

// The demo's week of history (development seed, after the orders exist): UrbanKart's and
// Sportsline's endpoints on the demo receiver with every delivery and attempt the engine would
// have made (lib/dev/history.ts decides them), retries that recovered, dead-letters (some retried
// by hand, last night's waiting), the endpoint auto-disabled by the product's own rule with its
// alert mail, Kettle & Crumb's SMS outbox, and the audit trail of who set all this up. Written in
// bulk (a few statements per table), shaped as the product writes these rows.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const uuid = () => randomUUID().replace(/-/g, "");
type Person = { id: string; email: string };
type Partner = { id: string; name: string; retrySchedule: number[]; timeoutMs: number };
type SeededEvent = { id: string; type: EventType; createdAt: Date; payload: PayloadV2 };

type AuditRow = { actorId: string | null; actorEmail: string; partnerId: string; action: string; targetType: string; targetId: string | null; metadata: object; createdAt: Date };

export async function seedHistory(input: {
  now: number;
  random: Random;
  partners: { smb: Partner; growth: Partner; enterprise: Partner };
  admins: { smb: Person; growth: Person; enterprise: Person };
}) {
  const { now, random, partners, admins } = input;
  await backdateEvents();
  const audit: AuditRow[] = [];
  const base = demoReceiverUrl();
  const behaviours = demoBehaviours(now);

  // Kettle & Crumb switched tracking and SMS on when it joined; its customers got texts all week.
  audit.push({ actorId: admins.smb.id, actorEmail: admins.smb.email, partnerId: partners.smb.id, action: "tracking_settings.updated", targetType: "partner", targetId: partners.smb.id, metadata: { trackingEnabled: true, smsEnabled: true }, createdAt: new Date(now - 8 * DAY) });
  await seedSmsHistory(partners.smb, now, random);

  // The demo endpoints live on the local receiver (127.0.0.1), which the SSRF guard refuses unless
  // the development defaults allow-list it (scripts/dev.ts, the test runners). Judged by the same
  // check as a partner's URL; refused (production, or a plain `npm run db:seed`), they are left out.
  const problem = await endpointUrlProblem(`${base}${DEMO_ENDPOINTS[0]!.path}`);
  if (problem) {
    await db.auditLog.createMany({ data: audit });
    return { deliveries: 0, attempts: 0, disabledEndpointId: null, skippedEndpoints: `${base}: ${problem}` };
  }

  const endpointIds: Record<string, string> = {};
  for (const [tier, partner] of [["growth", partners.growth], ["enterprise", partners.enterprise]] as const) {
    const admin = admins[tier];
    const joined = now - (tier === "enterprise" ? 9 : 8) * DAY;
    const ingest = await createIngestKey(partner.id, "OMS production");
    audit.push({ actorId: null, actorEmail: "support@waypoint.test", partnerId: partner.id, action: "api_key.created", targetType: "ingest_api_key", targetId: ingest.id, metadata: { name: "OMS production", prefix: ingest.prefix }, createdAt: new Date(joined) });
    const mine = DEMO_ENDPOINTS.filter((e) => e.partner === partner.name);
    for (const [i, demo] of mine.entries()) {
      const createdAt = new Date(joined + (i + 1) * 40 * 60_000);
      const id = await createDemoEndpoint(partner, demo, `${base}${demo.path}`, createdAt, admin, audit, i === 0);
      endpointIds[demo.key] = id;
    }
    await db.partner.update({ where: { id: partner.id }, data: { createdAt: new Date(joined - HOUR), secretCopiedAt: new Date(joined + 45 * 60_000), endpointCheckPassedAt: new Date(joined + 60 * 60_000) } });
  }

  // The notifications service's secret was rotated yesterday; the partner never deployed the new one.
  const rotatedAt = now - 30 * HOUR;
  const { oldExpiresAt } = await rotateEndpointSecret(endpointIds["old-secret"]!, new Date(rotatedAt));
  await db.endpointSecret.updateMany({ where: { endpointId: endpointIds["old-secret"]!, expiresAt: null }, data: { createdAt: new Date(rotatedAt) } });
  audit.push({ actorId: admins.growth.id, actorEmail: admins.growth.email, partnerId: partners.growth.id, action: "endpoint.secret_rotated", targetType: "endpoint", targetId: endpointIds["old-secret"]!, metadata: { oldSecretExpiresAt: oldExpiresAt.toISOString() }, createdAt: new Date(rotatedAt) });

  const deliveries: object[] = [];
  const attempts: object[] = [];
  let disabled = null as { endpointId: string; at: number } | null;
  for (const partner of [partners.growth, partners.enterprise]) {
    const events = await db.orderEvent.findMany({ where: { partnerId: partner.id }, orderBy: { createdAt: "asc" }, select: { id: true, type: true, createdAt: true, payload: true } });
    for (const demo of DEMO_ENDPOINTS.filter((e) => e.partner === partner.name)) {
      const endpointId = endpointIds[demo.key]!;
      const endpoint = await db.endpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { createdAt: true } });
      let deadInARow = 0;
      for (const event of events as unknown as SeededEvent[]) {
        if (event.createdAt < endpoint.createdAt || !demo.eventTypes.includes(event.type)) continue;
        // An endpoint switched off gets no new deliveries (recordOrderEvent: enabled endpoints only).
        if (disabled?.endpointId === endpointId && event.createdAt.getTime() > disabled.at) break;
        const plan = planDelivery({ behaviour: behaviours[demo.key], eventAt: event.createdAt.getTime(), schedule: partner.retrySchedule, timeoutMs: partner.timeoutMs, now, random });
        const id = `dlv_${uuid()}`;
        const row = {
          id,
          eventId: event.id,
          endpointId,
          partnerId: partner.id,
          status: plan.status,
          attemptCount: plan.attempts.length,
          nextAttemptAt: at(plan.nextAttemptAt),
          lastAttemptAt: at(plan.attempts.at(-1)?.startedAt ?? null),
          deliveredAt: at(plan.deliveredAt),
          deadLetteredAt: at(plan.deadLetteredAt),
          lastError: plan.lastError,
          createdAt: event.createdAt,
          updatedAt: new Date(plan.updatedAt),
        };
        for (const a of plan.attempts) attempts.push(attemptRow(a, id, endpointId, "automatic", null));
        // The long outage four days ago: the CRM team asked for a retry once it was back.
        const outage = demo.key === "flaky" && plan.status === "dead_lettered" && plan.deadLetteredAt! < now - 2 * DAY;
        if (outage) {
          const retryAt = plan.deadLetteredAt! + 2 * HOUR;
          const manual = { ...plan.attempts.at(-1)!, startedAt: retryAt, success: true, statusCode: 200, latencyMs: 61, errorClass: null, errorMessage: null, responseExcerpt: '{"received":true}' };
          attempts.push(attemptRow(manual, id, endpointId, "manual", admins.enterprise.id));
          Object.assign(row, { status: "delivered", attemptCount: plan.attempts.length + 1, lastAttemptAt: new Date(retryAt), deliveredAt: new Date(retryAt + 61), lastError: null, updatedAt: new Date(retryAt + 61) });
          audit.push({ actorId: admins.enterprise.id, actorEmail: admins.enterprise.email, partnerId: partner.id, action: "delivery.retried", targetType: "delivery", targetId: id, metadata: { eventId: event.id, mode: "sent", outcome: "delivered" }, createdAt: new Date(retryAt) });
        }
        deliveries.push(row);
        deadInARow = row.status === "dead_lettered" ? deadInARow + 1 : row.status === "delivered" ? 0 : deadInARow;
        if (demo.key === "down" && deadInARow >= 20 && !disabled) disabled = { endpointId, at: plan.deadLetteredAt! };
      }
    }
  }
  await insertRows("Delivery", deliveries);
  await insertRows("DeliveryAttempt", attempts);

  // The legacy ERP bridge: switched off by the product's own rule, which also audits it and mails
  // Sportsline's admins (to the outbox, and through SMTP when it is set: the mail catcher in dev).
  if (disabled) {
    await evaluateEndpointAfterDeadLetter(disabled.endpointId, new Date(disabled.at));
    await db.auditLog.updateMany({ where: { action: "endpoint.auto_disabled", targetId: disabled.endpointId }, data: { createdAt: new Date(disabled.at) } });
  }
  await db.auditLog.createMany({ data: audit });
  return { deliveries: deliveries.length, attempts: attempts.length, disabledEndpointId: disabled?.endpointId ?? null, skippedEndpoints: null };
}

const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Thousands of rows in one statement: Postgres reads them from JSON into the table's own row type,
 * for the columns the first row names (any other column takes its default). Prisma's createMany
 * took seconds for the same rows.
 */
async function insertRows(table: "Delivery" | "DeliveryAttempt", rows: object[]) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!).map((c) => `"${c}"`).join(", ");
  for (let i = 0; i < rows.length; i += 5_000) {
    const json = JSON.stringify(rows.slice(i, i + 5_000), (_key, value) => (value === undefined ? null : value));
    await sql().query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [json]);
  }
}

function attemptRow(a: PlannedAttempt, deliveryId: string | null, endpointId: string, trigger: "automatic" | "manual" | "test", triggeredById: string | null, testPayload?: object) {
  return {
    id: `att_${uuid()}`,
    deliveryId,
    endpointId,
    testPayload,
    trigger,
    triggeredById,
    startedAt: new Date(a.startedAt),
    success: a.success,
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    errorClass: a.errorClass,
    errorMessage: a.errorMessage,
    responseExcerpt: a.responseExcerpt,
    responseHeaders: a.responseHeaders,
  };
}

/** An endpoint as its admin set it up: created, secret revealed, a test event, and (the first one) the endpoint check. */
async function createDemoEndpoint(partner: Partner, demo: DemoEndpoint, url: string, createdAt: Date, admin: Person, audit: AuditRow[], runCheck: boolean): Promise<string> {
  const { endpoint } = await createEndpoint({ partnerId: partner.id, url, eventTypes: demo.eventTypes, description: demo.description });
  await db.endpoint.update({ where: { id: endpoint.id }, data: { createdAt, updatedAt: createdAt } });
  await db.endpointSecret.updateMany({ where: { endpointId: endpoint.id }, data: { createdAt } });
  const t = createdAt.getTime();
  const byAdmin = { actorId: admin.id, actorEmail: admin.email, partnerId: partner.id, targetType: "endpoint", targetId: endpoint.id };
  audit.push({ ...byAdmin, action: "endpoint.created", metadata: { url, eventTypes: demo.eventTypes, format: "json", schemaVersion: "v2" }, createdAt });
  audit.push({ ...byAdmin, action: "endpoint.secret_revealed", metadata: {}, createdAt: new Date(t + 60_000) });
  const testAt = t + 6 * 60_000;
  const test = samplePayload("out_for_delivery", { now: new Date(testAt) });
  const ok = { startedAt: testAt, success: true, statusCode: 200, latencyMs: 84, errorClass: null, errorMessage: null, responseExcerpt: '{"received":true}', responseHeaders: { "content-type": "application/json" } } as const;
  await db.deliveryAttempt.create({ data: attemptRow(ok, null, endpoint.id, "test", admin.id, test as object) });
  audit.push({ ...byAdmin, action: "endpoint.test_sent", metadata: { eventType: "out_for_delivery", eventId: test.event_id, statusCode: 200, success: true, latencyMs: 84 }, createdAt: new Date(testAt) });
  if (runCheck) {
    const checkAt = new Date(t + 20 * 60_000);
    const answer = (statusCode: number) => ({ success: statusCode < 300, statusCode, latencyMs: 70, errorClass: statusCode < 300 ? null : ("http_error" as const), errorMessage: statusCode < 300 ? null : `Endpoint answered ${statusCode}`, responseExcerpt: null, responseHeaders: {} });
    const { passed, steps } = judgeCheck({ signed: answer(200), replay: answer(200), wrongSignature: answer(401) });
    const check = await db.endpointCheck.create({ data: { endpointId: endpoint.id, partnerId: partner.id, passed, results: steps, createdAt: checkAt } });
    audit.push({ ...byAdmin, action: "endpoint.checked", metadata: { checkId: check.id, passed, steps: steps.map((s) => ({ step: s.step, passed: s.passed, statusCode: s.statusCode })) }, createdAt: checkAt });
  }
  return endpoint.id;
}

/** Events are stored when they arrive: the seed's arrive "then", a moment after they happened. */
async function backdateEvents() {
  await db.$executeRaw`UPDATE "OrderEvent" SET "createdAt" = "occurredAt" + make_interval(secs => 0.2 + (sequence % 7) * 0.13)`;
  await db.$executeRaw`UPDATE "Order" o SET "updatedAt" = e.last FROM (SELECT "orderId", max("createdAt") AS last FROM "OrderEvent" GROUP BY "orderId") e WHERE e."orderId" = o.id`;
}

/** Kettle & Crumb's SMS outbox for the week: one text per event, sent at once through the outbox provider. */
async function seedSmsHistory(partner: Partner, now: number, random: Random) {
  const events = await db.orderEvent.findMany({
    where: { partnerId: partner.id },
    select: { id: true, type: true, createdAt: true, payload: true, order: { select: { id: true, customerName: true, customerPhone: true, trackingToken: true } } },
  });
  // The last hour's events already have theirs: the product queued them as the events were recorded.
  const texted = new Set((await db.smsMessage.findMany({ where: { partnerId: partner.id }, select: { eventId: true } })).map((m) => m.eventId));
  const messages: object[] = [];
  const attempts: object[] = [];
  for (const event of events) {
    if (texted.has(event.id)) continue;
    const payload = event.payload as unknown as PayloadV2;
    const body = renderTemplate(DEFAULT_SMS_TEMPLATES[event.type], valuesForEvent(payload, { customerName: event.order.customerName, merchantName: partner.name, trackingLink: trackingUrl(event.order.trackingToken) }));
    const id = `sms_${uuid()}`;
    const createdAt = event.createdAt;
    const startedAt = new Date(createdAt.getTime() + 150 + Math.round(random() * 900));
    const latencyMs = 2 + Math.round(random() * 10);
    const sentAt = new Date(startedAt.getTime() + latencyMs);
    if (sentAt.getTime() > now) continue;
    messages.push({ id, partnerId: partner.id, orderId: event.order.id, eventId: event.id, toPhone: event.order.customerPhone, body, provider: "outbox", status: "sent", attemptCount: 1, providerMessageId: `outbox_${id}`, sentAt, createdAt });
    attempts.push({ smsMessageId: id, startedAt, success: true, latencyMs });
  }
  await db.smsMessage.createMany({ data: messages as never[] });
  await db.smsAttempt.createMany({ data: attempts as never[] });
}
