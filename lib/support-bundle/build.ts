// lib/support-bundle owns support bundles: what a partner sends support about an event, endpoint or order, redacted.
import "server-only";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getHealthReport } from "@/lib/health/get-health-report";
import { getSlaReport } from "@/lib/sla/report";
import { maskPhone, redactSecrets, redactUrl } from "@/lib/support-bundle/redact";

// A support bundle: what support needs to start on a partner's ticket without asking, and nothing
// secret. Built from an event (its deliveries and every attempt), an endpoint (settings, recent
// deliveries) or an order (its events and their deliveries), plus the partner's endpoints'
// settings and the last 24 h of health and SLA figures. Secrets never enter it: signing secrets,
// API keys and broker credentials are not read; URLs lose credentials and query values; OTPs are
// masked; customer phones keep their last 3 digits.

export const BUNDLE_KINDS = ["event", "endpoint", "order"] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];
export const BUNDLE_VERSION = 1;
const RECENT_DELIVERIES = 20;
const ORDER_EVENTS = 20;

type Attempt = { startedAt: Date; trigger: string; success: boolean; statusCode: number | null; latencyMs: number; errorClass: string | null; errorMessage: string | null; responseExcerpt: string | null };
type DeliveryRow = { id: string; eventId: string; endpointId: string; status: string; attemptCount: number; nextAttemptAt: Date | null; deliveredAt: Date | null; deadLetteredAt: Date | null; lastError: string | null; createdAt: Date; attempts: Attempt[] };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const attemptJson = (a: Attempt) => ({ started_at: a.startedAt.toISOString(), trigger: a.trigger, success: a.success, status_code: a.statusCode, latency_ms: a.latencyMs, error_class: a.errorClass, error_message: a.errorMessage, response_excerpt: a.responseExcerpt });
const deliveryJson = (d: DeliveryRow) => ({
  id: d.id,
  event_id: d.eventId,
  endpoint_id: d.endpointId,
  status: d.status,
  attempt_count: d.attemptCount,
  created_at: d.createdAt.toISOString(),
  next_attempt_at: iso(d.nextAttemptAt),
  delivered_at: iso(d.deliveredAt),
  dead_lettered_at: iso(d.deadLetteredAt),
  last_error: d.lastError,
  attempts: d.attempts.map(attemptJson),
});
const withAttempts = { attempts: { orderBy: { startedAt: "asc" as const }, select: { startedAt: true, trigger: true, success: true, statusCode: true, latencyMs: true, errorClass: true, errorMessage: true, responseExcerpt: true } } };

async function eventPart(partnerId: string, eventId: string) {
  const e = await db.orderEvent.findFirst({ where: { id: eventId, partnerId }, include: { deliveries: { orderBy: { createdAt: "asc" }, include: withAttempts } } });
  if (!e) throw notFound("Event");
  return { id: e.id, type: e.type, order_id: e.orderId, sequence: e.sequence, occurred_at: e.occurredAt.toISOString(), recorded_at: e.createdAt.toISOString(), payload: redactSecrets(e.payload), deliveries: e.deliveries.map(deliveryJson) };
}

async function orderPart(partnerId: string, orderId: string) {
  const o = await db.order.findFirst({
    where: { id: orderId, partnerId },
    include: { events: { orderBy: { sequence: "desc" }, take: ORDER_EVENTS, include: { deliveries: { orderBy: { createdAt: "asc" }, include: withAttempts } } } },
  });
  if (!o) throw notFound("Order");
  return {
    id: o.id,
    merchant_order_ref: o.merchantOrderRef,
    status: o.status,
    source: o.source,
    customer_id: o.customerId,
    customer_phone: maskPhone(o.customerPhone),
    created_at: o.createdAt.toISOString(),
    events: o.events.map((e) => ({ id: e.id, type: e.type, sequence: e.sequence, occurred_at: e.occurredAt.toISOString(), payload: redactSecrets(e.payload), deliveries: e.deliveries.map(deliveryJson) })),
  };
}

async function endpointPart(partnerId: string, endpointId: string) {
  const en = await db.endpoint.findFirst({ where: { id: endpointId, partnerId }, select: { id: true } });
  if (!en) throw notFound("Endpoint");
  const recent = await db.delivery.findMany({ where: { endpointId, partnerId }, orderBy: { createdAt: "desc" }, take: RECENT_DELIVERIES, include: withAttempts });
  return { id: endpointId, recent_deliveries: recent.map(deliveryJson) };
}

/** The bundle's content for one target of one partner (another partner's id: not found). */
export async function buildBundleContent(partnerId: string, kind: BundleKind, targetId: string, now = new Date()) {
  const target = kind === "event" ? { event: await eventPart(partnerId, targetId) } : kind === "order" ? { order: await orderPart(partnerId, targetId) } : { endpoint: await endpointPart(partnerId, targetId) };
  const [partner, endpoints, health, sla, settings] = await Promise.all([
    db.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { id: true, name: true, tier: true, retrySchedule: true, timeoutMs: true } }),
    db.endpoint.findMany({
      where: { partnerId },
      orderBy: { createdAt: "asc" },
      select: { id: true, url: true, description: true, eventTypes: true, format: true, schemaVersion: true, enabled: true, disabledReason: true, disabledAt: true, rateLimitPerSecond: true, createdAt: true },
    }),
    getHealthReport(partnerId, "24h", now),
    getSlaReport({ range: "24h", partnerId, now }),
    db.alertSettings.findUnique({ where: { partnerId }, select: { opsEndpointId: true, overrides: true } }),
  ]);
  return {
    bundle_version: BUNDLE_VERSION,
    kind,
    target_id: targetId,
    created_at: now.toISOString(),
    partner: { id: partner.id, name: partner.name, tier: partner.tier, retry_schedule_s: partner.retrySchedule, timeout_ms: partner.timeoutMs },
    ...target,
    endpoints: endpoints.map((e) => ({
      id: e.id,
      url: redactUrl(e.url),
      description: e.description,
      event_types: e.eventTypes,
      format: e.format,
      schema_version: e.schemaVersion,
      enabled: e.enabled,
      disabled_reason: e.disabledReason,
      disabled_at: iso(e.disabledAt),
      rate_limit_per_second: e.rateLimitPerSecond,
      created_at: e.createdAt.toISOString(),
    })),
    alerts: { operational_endpoint_id: settings?.opsEndpointId ?? null, overrides: settings?.overrides ?? {} },
    health: {
      window: { from: health.from, to: health.to },
      overall: health.overall && { ...health.overall, series: undefined },
      endpoints: health.endpoints.map((e) => ({ ...e, url: redactUrl(e.url), series: undefined })),
    },
    sla_24h: sla.overall,
  };
}

export type BundleContent = Awaited<ReturnType<typeof buildBundleContent>>;
