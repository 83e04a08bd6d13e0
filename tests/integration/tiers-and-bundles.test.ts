import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { changeOrderStatus } from "@/lib/orders/change-status";
import { createOrder } from "@/lib/orders/create-order";
import { changePartnerTier, enableDeveloperScreens } from "@/lib/partners/change-tier";
import { createPartner as createPartnerAsSupport } from "@/lib/partners/create-partner";
import { TIER_PROFILES } from "@/lib/partners/tiers";
import { startReceiver } from "@/lib/receiver/server";
import { createSupportBundle } from "@/lib/support-bundle/bundles";
import { SupportBundleSchema } from "@/lib/support-bundle/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { createEndpoint, createPartner } from "@/prisma/factories";

const created: string[] = [];
const support = { id: null, email: "support@waypoint.test" };
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: created } } });
});

describe("tiers", () => {
  it("a new partner gets its tier's defaults from the one table", async () => {
    const { id } = await createPartnerAsSupport({ name: "Tier Default Co", tier: "enterprise" }, support);
    created.push(id);
    const row = await db.partner.findUniqueOrThrow({ where: { id } });
    expect(row.retrySchedule).toEqual([...TIER_PROFILES.enterprise.retrySchedule]);
    expect(row.timeoutMs).toBe(TIER_PROFILES.enterprise.timeoutMs);
  });

  it("support changes a tier: audited with both tiers; settings the partner changed itself are kept", async () => {
    const { id } = await createPartnerAsSupport({ name: "Tier Change Co", tier: "smb" }, support);
    created.push(id);
    await changePartnerTier(id, "enterprise", support);
    let row = await db.partner.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ tier: "enterprise", retrySchedule: [...TIER_PROFILES.enterprise.retrySchedule], timeoutMs: TIER_PROFILES.enterprise.timeoutMs });
    const audit = await db.auditLog.findFirstOrThrow({ where: { partnerId: id, action: "partner.tier_changed" } });
    expect(audit.metadata).toMatchObject({ from: "smb", to: "enterprise" });
    expect(audit.actorEmail).toBe("support@waypoint.test");

    await db.partner.update({ where: { id }, data: { retrySchedule: [5, 50] } });
    await changePartnerTier(id, "growth", support);
    row = await db.partner.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ tier: "growth", retrySchedule: [5, 50], timeoutMs: TIER_PROFILES.growth.timeoutMs });
    expect(await db.auditLog.count({ where: { partnerId: id, action: "partner.tier_changed" } })).toBe(2);
  });

  it("Connect your own system switches an SMB partner's developer screens on once, audited", async () => {
    const p = await createPartner({ name: "Connect Co", tier: "smb" });
    created.push(p.id);
    await enableDeveloperScreens(p.id, support);
    await enableDeveloperScreens(p.id, support);
    expect((await db.partner.findUniqueOrThrow({ where: { id: p.id } })).developerToolsEnabledAt).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { partnerId: p.id, action: "partner.developer_screens_enabled" } })).toBe(1);
  });
});

describe("support bundles", () => {
  it("an event's bundle has its deliveries and attempts, settings and health, and no secret of any kind", async () => {
    const receiver = await startReceiver();
    try {
      const p = await createPartner({ name: "Bundle Co", retrySchedule: [] });
      created.push(p.id);
      const ok = await createEndpoint({ partnerId: p.id, url: `${receiver.url}/bundle-ok?token=s3cr3t-query`, eventTypes: ["order_confirmed", "out_for_delivery"] });
      const down = await createEndpoint({ partnerId: p.id, url: `http://user:pa55w0rd@127.0.0.1:9/bundle-down`, eventTypes: ["out_for_delivery"] });
      const apiKey = await createApiKey({ kind: "partner", name: "Bundle automation", partnerId: p.id });
      const order = await db.$transaction(async (tx) => {
        const c = await createOrder(tx, { partnerId: p.id }, { merchant_order_ref: "BUN-1", customer_id: "c-b", customer_name: "Bundle Customer", customer_phone: "+919812345214" });
        await changeOrderStatus(tx, { partnerId: p.id }, c.body.order_id, { event: "out_for_delivery", rider: { name: "Rajesh", phone: "+919876543214" }, otp: "907315", eta_window: { from: "2026-05-01T14:00:00+05:30", to: "2026-05-01T15:00:00+05:30" } });
        return c.body.order_id;
      });
      for (const d of await db.delivery.findMany({ where: { partnerId: p.id } })) await performDeliveryAttempt(d.id);
      const ofd = await db.orderEvent.findFirstOrThrow({ where: { orderId: order, type: "out_for_delivery" } });

      for (const [kind, id] of [["event", ofd.id], ["order", order], ["endpoint", down.endpoint.id]] as const) {
        const bundle = await createSupportBundle(p.id, kind, id, support);
        const text = JSON.stringify(bundle.content);
        for (const secret of [ok.secret, down.secret, ok.secret.slice(6), apiKey.key, "pa55w0rd", "s3cr3t-query", "907315", "+919812345214", "+919876543214"]) expect(text, `${kind} bundle`).not.toContain(secret);
        const stored = await db.supportBundle.findUniqueOrThrow({ where: { id: bundle.id } });
        expect(stored.content).toEqual(JSON.parse(text));
        expect(SupportBundleSchema.safeParse(stored.content).success).toBe(true);
        expect(bundle.supportUrl).toBe(`http://localhost:3000/support/bundles/${bundle.id}`);
      }
      const event = (await createSupportBundle(p.id, "event", ofd.id, support)).content;
      expect(event.event!.deliveries.map((d) => d.status).sort()).toEqual(["dead_lettered", "delivered"]);
      expect(event.event!.deliveries.every((d) => d.attempts.length === 1)).toBe(true);
      expect(event.endpoints.map((e) => e.url).sort()).toEqual([`http://127.0.0.1:9/bundle-down`, `${receiver.url}/bundle-ok?token=[redacted]`].sort());
      expect(event.health.overall.attempts).toBe(3);
      expect(await db.auditLog.count({ where: { partnerId: p.id, action: "support_bundle.created" } })).toBe(4);
      await expect(createSupportBundle(p.id, "event", "evt_nope", support)).rejects.toMatchObject({ code: "not_found" });
    } finally {
      await receiver.close();
    }
  });
});
