import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eventually } from "../support/eventually";
import { db } from "@/lib/db/client";
import { currentConditions, FAILURE_SAMPLE } from "@/lib/alerts/conditions";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { sendDueOpsWebhooks } from "@/lib/alerts/ops-webhook";
import type { AlertOverrides } from "@/lib/alerts/rules";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { reenableEndpoint } from "@/lib/endpoints/reenable-endpoint";
import { sqlPool } from "@/lib/db/sql";
import { createOrder } from "@/lib/orders/create-order";
import { startReceiver, type Receiver } from "@/lib/receiver/server";
import { createEndpoint, createPartner, createUser } from "@/prisma/factories";

// Alert rules end to end: a real local receiver is driven into failing, slow and recovered states;
// real attempts are made and recorded; the evaluator (what the monitor loop runs every 30 s) opens
// and resolves incidents; every notice is read where it lands: mail from a real SMTP server (the
// in-process catcher, through SMTP_URL), operational webhooks at the receiver, signature checked.

const SUPPORT = "oncall@waypoint-alerts.test";
const mailbox = await vi.hoisted(async () => (await import("../support/test-mailbox")).startTestMailbox("Waypoint Alerts Test", "oncall@waypoint-alerts.test"));

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await mailbox.stop();
});
// The evaluator watches every endpoint: each test's world is removed after it, so its incidents
// cannot show up in the next test's counts.
const created: string[] = [];
afterEach(async () => {
  await db.partner.deleteMany({ where: { id: { in: created.splice(0) } } });
});

const ONLY = (rule: keyof AlertOverrides, settings: object): AlertOverrides => ({
  failure_rate: { enabled: false },
  delivery_delay: { enabled: false },
  dead_letters_waiting: { enabled: false },
  endpoint_disabled: { enabled: false },
  [rule]: { enabled: true, ...settings },
});

/** A partner with an admin, the endpoint under watch, and an operational endpoint (both on the receiver). */
async function world(name: string, overrides: AlertOverrides, retrySchedule: number[] = [3600]) {
  const tag = `${name}-${Date.now().toString(36)}`;
  const partner = await createPartner({ name: `Alerts ${tag}`, retrySchedule, timeoutMs: 5_000 });
  created.push(partner.id);
  const admin = await createUser({ role: "partner_admin", partnerId: partner.id, email: `admin-${tag}@alerts.test`, password: "x" });
  const watched = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/${tag}/hooks`, eventTypes: ["order_confirmed"] });
  // The operational endpoint takes no order events: everything it receives is operational.
  const ops = await createEndpoint({ partnerId: partner.id, url: `${receiver.url}/${tag}/ops`, eventTypes: ["return_initiated"] });
  receiver.addSecret(ops.secret);
  await db.alertSettings.create({ data: { partnerId: partner.id, overrides, opsEndpointId: ops.endpoint.id } });
  return { tag, partner, admin, watched, ops, path: `/${tag}/hooks` };
}
type World = Awaited<ReturnType<typeof world>>;

/** n orders, each delivered to the watched endpoint at once (in parallel), with the outcomes. */
async function deliver(w: World, n: number, parallel = false) {
  const one = async (i: number) => {
    const { deliveries } = await db.$transaction((tx) =>
      createOrder(tx, { partnerId: w.partner.id }, { merchant_order_ref: `${w.tag}-${Date.now()}-${i}-${Math.random()}`, customer_id: "c", customer_name: "Meera", customer_phone: "+919812345678" }),
    );
    return Promise.all(deliveries.map((d) => performDeliveryAttempt(d.id)));
  };
  if (parallel) return (await Promise.all(Array.from({ length: n }, (_, i) => one(i)))).flat();
  const out = [];
  for (let i = 0; i < n; i++) out.push(...(await one(i)));
  return out;
}


// Every notice names the endpoint, whose URL carries the world's tag.
const mailTo = (to: string, w: World) => mailbox.messages().filter((m) => m.to.includes(to) && `${m.subject}\n${m.text}`.includes(w.tag));
const opsCalls = (w: World) => receiver.received.filter((r) => r.path === `/${w.tag}/ops`);
const incidents = (w: World) => db.incident.findMany({ where: { partnerId: w.partner.id }, orderBy: { openedAt: "asc" } });

/** Every operational webhook is signed with the operational endpoint's secret (stock verifier) and says what happened. */
function verifyOps(w: World, index: number) {
  const call = opsCalls(w)[index]!;
  const payload = new Webhook(w.ops.secret).verify(call.body, call.headers) as { type: string; data: { rule: string; status: string; endpoint_id: string; incident_id: string } };
  expect(call.signatureValid).toBe(true);
  expect(call.headers["webhook-id"]).toMatch(/^ops_/);
  return payload;
}

/** After each transition: exactly `n` mails to the admin and to support (one per transition), and `n` operational webhooks. */
async function expectNotices(w: World, n: number, subjects: RegExp[]) {
  const admin = await eventually(() => mailTo(w.admin.email, w), (m) => m.length >= n);
  const support = await eventually(() => mailTo(SUPPORT, w), (m) => m.length >= n);
  const ops = await eventually(() => opsCalls(w), (c) => c.length >= n);
  await new Promise((r) => setTimeout(r, 200)); // nothing more arrives late
  expect(mailTo(w.admin.email, w).map((m) => m.subject)).toHaveLength(n);
  expect(mailTo(SUPPORT, w)).toHaveLength(n);
  expect(opsCalls(w)).toHaveLength(n);
  // Newest first in the catcher.
  subjects.forEach((s, i) => {
    expect(admin[subjects.length - 1 - i]!.subject).toMatch(s);
    expect(support[subjects.length - 1 - i]!.subject).toMatch(s);
  });
  expect(ops).toHaveLength(n);
}

describe("alert rules: incidents, mail and operational webhooks per transition", () => {
  it("failure rate: a failing endpoint opens one incident, a recovered one resolves it; nothing in between, and a flap within the hour stays quiet", async () => {
    const w = await world("rate", ONLY("failure_rate", { thresholdPercent: 20, minAttempts: 5, windowSeconds: 600 }));
    receiver.setMode({ kind: "status", status: 500 }, w.path);
    const failed = await deliver(w, 5);
    expect(failed.map((o) => o.kind)).toEqual(Array(5).fill("retry"));

    expect((await evaluateAlerts()).opened).toBe(1);
    const [opened] = await incidents(w);
    expect(opened).toMatchObject({ rule: "failure_rate", status: "open", endpointId: w.watched.endpoint.id });
    expect(opened!.summary).toContain("100 % of 5 delivery attempts failed");
    await expectNotices(w, 1, [/^Alert: Failure rate on .*\/hooks/]);
    // The admins' link opens the incident; support's opens the console (support acts across partners).
    expect(mailTo(w.admin.email, w)[0]!.links).toContain(`http://localhost:3000/incidents?id=${opened!.id}`);
    expect(mailTo(SUPPORT, w)[0]!.links).toContain("http://localhost:3000/support");
    const first = verifyOps(w, 0);
    expect(first).toMatchObject({ type: "endpoint.failing", data: { rule: "failure_rate", status: "open", endpoint_id: w.watched.endpoint.id, incident_id: opened!.id } });
    // Never to the failing endpoint itself.
    expect(receiver.received.filter((r) => r.path === w.path && r.headers["webhook-id"]?.startsWith("ops_"))).toHaveLength(0);

    // Still failing: the same incident, no new notice (no storm).
    await deliver(w, 2);
    expect(await evaluateAlerts()).toMatchObject({ opened: 0, resolved: 0 });
    expect(await sendDueOpsWebhooks()).toBe(0);
    await expectNotices(w, 1, [/^Alert/]);

    // Recovered: 7 failed of 40 attempts is 17.5 %, under the 20 % threshold.
    receiver.setMode({ kind: "ok" }, w.path);
    const ok = await deliver(w, 33);
    expect(ok.every((o) => o.kind === "delivered")).toBe(true);
    expect((await evaluateAlerts()).resolved).toBe(1);
    const [resolved] = await incidents(w);
    expect(resolved).toMatchObject({ status: "resolved", openKey: null });
    await expectNotices(w, 2, [/^Alert: Failure rate/, /^Resolved: Failure rate/]);
    expect(verifyOps(w, 1)).toMatchObject({ type: "endpoint.recovered", data: { rule: "failure_rate", status: "resolved", incident_id: opened!.id } });

    // Failing again within the hour: a new incident opens, quietly (at most one notice an hour).
    receiver.setMode({ kind: "status", status: 500 }, w.path);
    await deliver(w, 10);
    expect((await evaluateAlerts()).opened).toBe(1);
    const all = await incidents(w);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ status: "open", notifiedAt: null });
    await expectNotices(w, 2, [/^Alert/, /^Resolved/]);
  });

  it("delivery delay: a slow endpoint opens an incident, fast deliveries resolve it", async () => {
    const w = await world("slow", ONLY("delivery_delay", { thresholdSeconds: 1, minDeliveries: 3, windowSeconds: 600 }));
    receiver.setMode({ kind: "slow", ms: 1_300 }, w.path);
    const slow = await deliver(w, 3, true);
    expect(slow.every((o) => o.kind === "delivered")).toBe(true);

    expect((await evaluateAlerts()).opened).toBe(1);
    const [opened] = await incidents(w);
    expect(opened).toMatchObject({ rule: "delivery_delay", status: "open" });
    expect(opened!.summary).toMatch(/p95 from status change to delivery was 1\.\d s over 3 deliveries/);
    await expectNotices(w, 1, [/^Alert: Delivery delay/]);
    expect(verifyOps(w, 0)).toMatchObject({ type: "endpoint.failing", data: { rule: "delivery_delay", status: "open" } });

    // Recovered: 57 fast deliveries put the 3 slow ones above the 95th percentile (nearest rank of 60).
    receiver.setMode({ kind: "ok" }, w.path);
    await deliver(w, 57);
    expect((await evaluateAlerts()).resolved).toBe(1);
    expect((await incidents(w))[0]).toMatchObject({ status: "resolved" });
    await expectNotices(w, 2, [/^Alert: Delivery delay/, /^Resolved: Delivery delay/]);
    expect(verifyOps(w, 1)).toMatchObject({ type: "endpoint.recovered", data: { rule: "delivery_delay", status: "resolved" } });
  });

  it("dead-letters waiting: a dead-letter older than the limit opens an incident; retrying it after recovery resolves it", async () => {
    const w = await world("dead", ONLY("dead_letters_waiting", { olderThanSeconds: 0 }), []);
    receiver.setMode({ kind: "status", status: 503 }, w.path);
    const [outcome] = await deliver(w, 1);
    expect(outcome!.kind).toBe("dead_lettered");

    expect((await evaluateAlerts()).opened).toBe(1);
    expect((await incidents(w))[0]).toMatchObject({ rule: "dead_letters_waiting", status: "open" });
    await expectNotices(w, 1, [/^Alert: Dead-letters waiting/]);
    expect(verifyOps(w, 0)).toMatchObject({ type: "endpoint.failing", data: { rule: "dead_letters_waiting" } });

    receiver.setMode({ kind: "ok" }, w.path);
    const dead = await db.delivery.findFirstOrThrow({ where: { endpointId: w.watched.endpoint.id, status: "dead_lettered" } });
    expect((await performDeliveryAttempt(dead.id, { trigger: "manual" })).kind).toBe("delivered");
    expect((await evaluateAlerts()).resolved).toBe(1);
    await expectNotices(w, 2, [/^Alert: Dead-letters waiting/, /^Resolved: Dead-letters waiting/]);
    expect(verifyOps(w, 1)).toMatchObject({ type: "endpoint.recovered", data: { rule: "dead_letters_waiting", status: "resolved" } });
  });

  it("endpoint auto-disabled: the incident opens the moment the endpoint is switched off and resolves once it is back on", async () => {
    const w = await world("disabled", ONLY("endpoint_disabled", {}), []);
    receiver.setMode({ kind: "status", status: 500 }, w.path);
    await deliver(w, 20);
    const endpoint = await db.endpoint.findUniqueOrThrow({ where: { id: w.watched.endpoint.id } });
    expect(endpoint.enabled).toBe(false);

    // No evaluator pass needed: auto-disable opened it.
    const [opened] = await incidents(w);
    expect(opened).toMatchObject({ rule: "endpoint_disabled", status: "open" });
    expect(opened!.summary).toMatch(/last 20 deliveries were all dead-lettered/);
    await expectNotices(w, 1, [/^Waypoint disabled your webhook endpoint/]);
    expect(verifyOps(w, 0)).toMatchObject({ type: "endpoint.disabled", data: { rule: "endpoint_disabled", status: "open" } });
    // The evaluator agrees and does not open a second one.
    expect((await evaluateAlerts()).opened).toBe(0);

    receiver.setMode({ kind: "ok" }, w.path);
    await reenableEndpoint(w.partner.id, w.watched.endpoint.id, { retryDeadLettered: false }, { id: null, email: "support@waypoint.test" });
    expect((await evaluateAlerts()).resolved).toBe(1);
    await expectNotices(w, 2, [/^Waypoint disabled/, /^Resolved: Endpoint auto-disabled/]);
    expect(verifyOps(w, 1)).toMatchObject({ type: "endpoint.recovered", data: { rule: "endpoint_disabled", status: "resolved" } });
  });

  it("an acknowledged incident gets no hourly reminder; an unacknowledged one gets one mail (no webhook) an hour later", async () => {
    const w = await world("remind", ONLY("dead_letters_waiting", { olderThanSeconds: 0 }), []);
    receiver.setMode({ kind: "status", status: 503 }, w.path);
    await deliver(w, 1);
    await evaluateAlerts();
    await expectNotices(w, 1, [/^Alert/]);
    const later = new Date(Date.now() + 61 * 60_000);
    // The evaluator sees every partner's incidents (earlier files leave some open): count this world's mail, not the total.
    expect((await evaluateAlerts(later)).reminded).toBeGreaterThanOrEqual(1);
    const admin = await eventually(() => mailTo(w.admin.email, w), (m) => m.length >= 2);
    expect(admin).toHaveLength(2);
    expect(admin[0]!.subject).toMatch(/^Still open: Dead-letters waiting/);
    expect(opsCalls(w)).toHaveLength(1);
    const { acknowledgeIncident } = await import("@/lib/alerts/incidents");
    const [incident] = await incidents(w);
    await acknowledgeIncident(w.partner.id, incident!.id, { id: w.admin.id, email: w.admin.email });
    await evaluateAlerts(new Date(later.getTime() + 61 * 60_000));
    await new Promise((r) => setTimeout(r, 500)); // a mail would be parsed by the catcher by now
    expect(await mailTo(w.admin.email, w)).toHaveLength(2);
    expect(await db.auditLog.count({ where: { partnerId: w.partner.id, action: "incident.acknowledged" } })).toBe(1);
  });

  it("failure rate reads the endpoint's latest attempts of the window: failures older than the latest 2,000 no longer count", async () => {
    const w = await world("sample", ONLY("failure_rate", { thresholdPercent: 20, windowSeconds: 900, minAttempts: 10 }));
    const [delivery] = await deliver(w, 1);
    expect(delivery).toBeDefined();
    const { id: deliveryId } = await db.delivery.findFirstOrThrow({ where: { endpointId: w.watched.endpoint.id } });
    // 600 failures 10 minutes ago, then FAILURE_SAMPLE successes in the last 5 minutes: 23 % of all
    // 2,601 attempts in the window failed, 0 % of the latest 2,000.
    await sqlPool().query(
      `INSERT INTO "DeliveryAttempt" (id, "deliveryId", "endpointId", trigger, "startedAt", success, "statusCode", "latencyMs")
       SELECT 'att_sample_' || $3 || '_' || g, $1, $2, 'automatic',
              (now() - make_interval(secs => CASE WHEN g <= 600 THEN 600 - g / 100.0 ELSE 300 - (g - 600) / 10.0 END)) AT TIME ZONE 'UTC',
              g > 600, CASE WHEN g > 600 THEN 200 ELSE 503 END, 20
         FROM generate_series(1, 600 + $4::int) g`,
      [deliveryId, w.watched.endpoint.id, w.tag, FAILURE_SAMPLE],
    );
    const condition = (await currentConditions()).find((c) => c.endpointId === w.watched.endpoint.id && c.rule === "failure_rate")!;
    expect(condition.state).toBe("clear");
    expect(condition.details).toMatchObject({ attempts: FAILURE_SAMPLE, failed: 0 });
    expect(condition.summary).toContain(`of the latest ${FAILURE_SAMPLE} delivery attempts failed in the last 15 min`);
  });
});
