import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { SessionUser } from "@/lib/auth/types";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { rotateEndpointSecret } from "@/lib/endpoints/secrets";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { createOrder } from "@/lib/orders/create-order";
import type { Receiver } from "@/lib/receiver/server";
import { createEndpoint, createIngestKey, createPartner, createUser } from "@/prisma/factories";
import { createOrderSource } from "@/lib/intake/sources";
import { receiveIntake } from "@/lib/intake/receive";
import { createSupportBundle } from "@/lib/support-bundle/bundles";
import { genericHeaders, shopifyHeaders } from "./intake";
import { TINY_PNG } from "./images";

// Two tenants for tests/reliability/tenant-isolation.test.ts, built the way the product builds
// them: real partner/ingest keys, endpoints with encrypted secrets, orders through createOrder,
// deliveries in every state made by real attempts against a local receiver.

export type Tenant = Awaited<ReturnType<typeof buildTenant>>;

const asSessionUser = (u: { id: string; email: string; name: string; role: SessionUser["role"]; partnerId: string | null; sessionVersion: number }): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  partnerId: u.partnerId,
  sessionVersion: u.sessionVersion,
});

export async function createSupportUser(tag: string): Promise<SessionUser> {
  return asSessionUser(await createUser({ role: "support", name: `Isolation Support ${tag}`, email: `iso-support-${tag}@example.test`, password: "irrelevant" }));
}

/**
 * "bravo" (the victim) gets everything: two endpoints (one disabled, one with a rotated secret so
 * two secrets sign), two orders, deliveries delivered / dead-lettered / retrying / pending, an SMS
 * and a template, a partner key and a bound ingest key. "alpha" (the caller) gets the same kinds
 * of things with nothing failed, so its own lists are non-empty and its bulk retries queue 0.
 */
export async function buildTenant(label: "alpha" | "bravo", receiver: Receiver) {
  const tag = `${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const Label = label[0]!.toUpperCase() + label.slice(1);
  const victim = label === "bravo";
  const partner = await createPartner({ name: `${Label} Isolation ${tag}`, retrySchedule: victim ? [] : [30, 120, 480], timeoutMs: 2_000 });
  const partnerId = partner.id;
  const admin = asSessionUser(
    await createUser({ role: "partner_admin", partnerId, name: `${Label} Admin ${tag}`, email: `${tag}-admin@example.test`, password: "irrelevant" }),
  );
  const member = asSessionUser(
    await createUser({ role: "partner_member", partnerId, name: `${Label} Member ${tag}`, email: `${tag}-member@example.test`, password: "irrelevant" }),
  );
  const partnerKey = await createApiKey({ kind: "partner", name: `${Label} automation ${tag}`, partnerId });
  const ingestKey = await createIngestKey(partnerId, `${Label} OMS ${tag}`);

  const okPath = `/${tag}-ok`;
  const downPath = `/${tag}-down`;
  receiver.setMode({ kind: "ok" }, okPath);
  receiver.setMode({ kind: "status", status: 500 }, downPath);
  const primary = await createEndpoint({ partnerId, url: `${receiver.url}${okPath}`, description: `${Label} primary ${tag}` });
  const second = await createEndpoint({ partnerId, url: `${receiver.url}${victim ? downPath : `${okPath}-2`}`, description: `${Label} second ${tag}` });
  const secrets = [primary.secret, second.secret];
  for (const s of secrets) receiver.addSecret(s);

  const phoneTail = String(Math.floor(10_000 + Math.random() * 89_999));
  const orders: { id: string; ref: string; trackingToken: string; customerId: string; customerName: string; customerPhone: string }[] = [];
  for (const n of [1, 2]) {
    const body = {
      merchant_order_ref: `${Label.toUpperCase()}-${tag}-${n}`,
      customer_id: `${label}-cust-${tag}-${n}`,
      customer_name: `${Label} Customer ${tag} ${n}`,
      customer_phone: `+91984${n}${phoneTail}`,
    };
    const id = await db.$transaction(async (tx) => {
      const created = await createOrder(tx, { partnerId }, body);
      if (n === 2) {
        await changeOrderStatus(tx, { partnerId }, created.body.order_id, {
          event: "out_for_delivery",
          rider: { name: `${Label} Rider ${tag}`, phone: `+91987${phoneTail}1` },
          otp: "4821",
          eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" },
        });
      }
      return created.body.order_id;
    });
    const row = await db.order.findUniqueOrThrow({ where: { id } });
    orders.push({ id, ref: row.merchantOrderRef, trackingToken: row.trackingToken, customerId: row.customerId, customerName: row.customerName, customerPhone: row.customerPhone });
  }
  const eventIds = (await db.orderEvent.findMany({ where: { partnerId }, orderBy: { createdAt: "asc" }, select: { id: true } })).map((e) => e.id);

  const deliveryOf = (orderId: string, endpointId: string, type: "order_confirmed" | "out_for_delivery" = "order_confirmed") =>
    db.delivery.findFirstOrThrow({ where: { endpointId, event: { orderId, type } }, select: { id: true } });
  if (victim) {
    // Order 1: delivered to the primary, dead-lettered at the second (no retries scheduled).
    await performDeliveryAttempt((await deliveryOf(orders[0]!.id, primary.endpoint.id)).id);
    await performDeliveryAttempt((await deliveryOf(orders[0]!.id, second.endpoint.id)).id);
    // Order 2's confirmation at the second endpoint: failed once, retrying in an hour.
    await db.partner.update({ where: { id: partnerId }, data: { retrySchedule: [3600] } });
    await performDeliveryAttempt((await deliveryOf(orders[1]!.id, second.endpoint.id)).id);
    // The second endpoint is switched off; the primary's secret is rotated (two secrets sign).
    await db.endpoint.update({ where: { id: second.endpoint.id }, data: { enabled: false, disabledAt: new Date(), disabledReason: `${Label} maintenance ${tag}` } });
    const rotated = await rotateEndpointSecret(primary.endpoint.id);
    secrets.push(rotated.secret);
    receiver.addSecret(rotated.secret);
  }
  const deliveries = await db.delivery.findMany({ where: { partnerId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });

  const sms = await db.smsMessage.create({
    data: { partnerId, orderId: orders[0]!.id, eventId: eventIds[0], toPhone: orders[0]!.customerPhone, body: `${Label} SMS body ${tag}`, provider: "log", status: "dead_lettered", attemptCount: 4, lastError: `${Label} SMS failure ${tag}` },
  });
  await db.smsTemplate.create({ data: { partnerId, eventType: "delivered", body: `${Label} template ${tag}: your order is here`, enabled: true } });
  // The tracking page's logo: its id is the public URL, shown only on this tenant's tracking pages.
  const logo = await db.partnerLogo.create({ data: { id: `logo_${tag}`.padEnd(27, "x").slice(0, 27), partnerId, contentType: "image/png", bytes: TINY_PNG, byteSize: TINY_PNG.length } });
  // A pending invitation (its link is never needed here: only its id, which A must not reach).
  const invite = await db.invite.create({
    data: { partnerId, email: `${tag}-invitee@example.test`, role: "partner_member", tokenHash: `${tag}`.padEnd(64, "0"), expiresAt: new Date(Date.now() + 86_400_000) },
  });

  // Order sources (a generic one with a mapping, a Shopify one) and intake log entries made by real
  // requests: a rejected one (replayable, kept with its body) and one refused for its signature.
  const sourceActor = { id: admin.id, email: admin.email };
  const generic = await createOrderSource(partnerId, { type: "generic", name: `${Label} Store feed ${tag}` }, sourceActor);
  const shopify = await createOrderSource(partnerId, { type: "shopify", name: `${Label} Shopify ${tag}`, secret: `shpss_${tag}`.padEnd(38, "0") }, sourceActor);
  const intakeRef = `${Label.toUpperCase()}-INTAKE-${tag}`;
  const rejectedBody = JSON.stringify({ order_id: intakeRef, customer: { name: `${Label} Intake Customer ${tag}`, phone: "+919800000002" } });
  const post = (sourceId: string, body: string, headers: Record<string, string>) =>
    receiveIntake(new Request(`http://localhost/api/v1/intake/${sourceId}`, { method: "POST", headers, body }), sourceId);
  const rejected = await post(generic.source.id, rejectedBody, genericHeaders(generic.secret, rejectedBody));
  const refused = await post(shopify.source.id, rejectedBody, shopifyHeaders("shpss_wrong-key-000000000000", rejectedBody));
  if (rejected.outcome !== "rejected" || refused.outcome !== "unauthorized") throw new Error(`isolation world: intake set-up gave ${rejected.outcome} / ${refused.outcome}`);

  // Issue 16: an open incident on the second endpoint, alert settings naming the primary as the
  // operational endpoint, and a support bundle of the first event.
  const incident = await db.incident.create({
    data: { partnerId, endpointId: second.endpoint.id, endpointUrl: second.endpoint.url, rule: "failure_rate", openKey: `failure_rate:${second.endpoint.id}`, summary: `${Label} incident ${tag}` },
  });
  await db.alertSettings.create({ data: { partnerId, opsEndpointId: primary.endpoint.id, overrides: { failure_rate: { thresholdPercent: 30 } } } });
  const bundle = await createSupportBundle(partnerId, "event", eventIds[0]!, sourceActor);

  return {
    label,
    tag,
    partner,
    partnerId,
    admin,
    member,
    partnerKey,
    ingestKey,
    endpoints: [primary.endpoint, second.endpoint],
    endpointIds: [primary.endpoint.id, second.endpoint.id],
    paths: [okPath, downPath, `${okPath}-2`],
    secrets,
    orders,
    eventIds,
    deliveries,
    smsId: sms.id,
    logoId: logo.id,
    inviteId: invite.id,
    inviteEmail: invite.email,
    sources: [
      { id: generic.source.id, name: generic.source.name, secret: generic.secret, type: "generic" as const },
      { id: shopify.source.id, name: shopify.source.name, secret: shopify.secret, type: "shopify" as const },
    ],
    sourceIds: [generic.source.id, shopify.source.id],
    intakeIds: [rejected.intakeId, refused.intakeId],
    intakeRef,
    incidentId: incident.id,
    bundleId: bundle.id,
  };
}

/**
 * Every string of a tenant that must never appear in an answer given to another tenant, with
 * what it is (for the failure message). Ids, names, URLs, refs, tokens, keys and secrets.
 */
export function forbiddenStrings(t: Tenant): Map<string, string> {
  const out = new Map<string, string>();
  const add = (value: string | null | undefined, what: string) => {
    if (value && value.length >= 6) out.set(value, what);
  };
  add(t.partnerId, "partner id");
  add(t.partner.name, "partner name");
  add(t.partner.slug, "partner slug");
  for (const u of [t.admin, t.member]) {
    add(u.id, "user id");
    add(u.email, "user email");
    add(u.name, "user name");
  }
  add(t.inviteId, "invite id");
  add(t.inviteEmail, "invitee email");
  add(t.partnerKey.key, "partner API key");
  add(t.partnerKey.id, "partner API key id");
  add(t.ingestKey.key, "ingest key");
  add(t.ingestKey.id, "ingest key id");
  for (const e of t.endpoints) {
    add(e.id, "endpoint id");
    add(e.url, "endpoint URL");
    add(e.description, "endpoint description");
  }
  add(`${t.tag}-`, "endpoint path / tenant tag");
  add(`maintenance ${t.tag}`, "endpoint disabled reason");
  for (const s of t.secrets) {
    add(s, "signing secret");
    add(s.replace(/^whsec_/, ""), "signing secret (base64)");
  }
  for (const o of t.orders) {
    add(o.id, "order id");
    add(o.ref, "merchant order ref");
    add(o.trackingToken, "tracking token");
    add(o.customerId, "customer id");
    add(o.customerName, "customer name");
    add(o.customerPhone, "customer phone");
  }
  for (const id of t.eventIds) add(id, "event id");
  for (const d of t.deliveries) add(d.id, "delivery id");
  add(t.smsId, "SMS message id");
  add(t.logoId, "logo id (its public URL)");
  for (const src of t.sources) {
    add(src.id, "order source id (its intake URL)");
    add(src.name, "order source name");
    add(src.secret, "order source secret");
    add(src.secret.replace(/^whsec_/, ""), "order source secret (base64)");
  }
  for (const id of t.intakeIds) add(id, "intake log id");
  add(t.intakeRef, "intake order ref");
  add(t.incidentId, "incident id");
  add(`incident ${t.tag}`, "incident summary");
  add(t.bundleId, "support bundle id");
  add(`SMS body ${t.tag}`, "SMS body");
  add(`template ${t.tag}`, "SMS template");
  return out;
}

/** Everything stored for a tenant, in a stable order: equal before and after means untouched. */
export async function snapshotTenant(t: Tenant) {
  const { partnerId } = t;
  const ids = [partnerId, ...t.endpointIds, ...t.orders.map((o) => o.id), ...t.eventIds, ...t.deliveries.map((d) => d.id), t.smsId, t.partnerKey.id, t.ingestKey.id, t.inviteId, ...t.sourceIds, ...t.intakeIds, t.incidentId, t.bundleId];
  const byId = { orderBy: { id: "asc" as const } };
  const [partner, endpoints, secrets, deliveries, attempts, orders, events, apiKeys, idempotencyKeys, smsMessages, smsTemplates, users, audit, invites, logos, orderSources, intakeLogs, incidents, alertSettings, supportBundles] = await Promise.all([
    db.partner.findUniqueOrThrow({ where: { id: partnerId } }),
    db.endpoint.findMany({ where: { partnerId }, ...byId }),
    db.endpointSecret.findMany({ where: { endpoint: { partnerId } }, ...byId }),
    db.delivery.findMany({ where: { partnerId }, ...byId }),
    db.deliveryAttempt.findMany({ where: { OR: [{ delivery: { partnerId } }, { endpointId: { in: t.endpointIds } }] }, ...byId }),
    db.order.findMany({ where: { partnerId }, ...byId }),
    db.orderEvent.findMany({ where: { partnerId }, ...byId }),
    db.apiKey.findMany({ where: { partnerId }, ...byId }),
    db.idempotencyKey.findMany({ where: { apiKey: { partnerId } }, ...byId }),
    db.smsMessage.findMany({ where: { partnerId }, ...byId }),
    db.smsTemplate.findMany({ where: { partnerId }, ...byId }),
    db.user.findMany({ where: { partnerId }, ...byId }),
    // Any audit entry filed under the tenant, or naming one of its rows from anywhere.
    db.auditLog.findMany({ where: { OR: [{ partnerId }, { targetId: { in: ids } }] }, ...byId }),
    db.invite.findMany({ where: { partnerId }, ...byId }),
    db.partnerLogo.findMany({ where: { partnerId }, ...byId }),
    db.orderSource.findMany({ where: { partnerId }, ...byId }),
    // A request with a bad signature to B's intake URL is logged for B by design (B should see
    // it): every other intake row of B must be untouched.
    db.intakeLog.findMany({ where: { partnerId, outcome: { not: "unauthorized" } }, ...byId }),
    db.incident.findMany({ where: { partnerId }, ...byId }),
    db.alertSettings.findMany({ where: { partnerId } }),
    db.supportBundle.findMany({ where: { partnerId }, ...byId }),
  ]);
  return { partner, endpoints, secrets, deliveries, attempts, orders, events, apiKeys, idempotencyKeys, smsMessages, smsTemplates, users, audit, invites, logos, orderSources, intakeLogs, incidents, alertSettings, supportBundles };
}

/** Row counts of every table an ingest call can write. */
export async function ingestTableCounts() {
  const [orders, events, deliveries, riders, idempotencyKeys, smsMessages, audit] = await Promise.all([
    db.order.count(),
    db.orderEvent.count(),
    db.delivery.count(),
    db.rider.count(),
    db.idempotencyKey.count(),
    db.smsMessage.count(),
    db.auditLog.count(),
  ]);
  return { orders, events, deliveries, riders, idempotencyKeys, smsMessages, audit };
}
