import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { AUTO_DISABLE } from "@/lib/delivery/auto-disable";
import { createOrder } from "@/lib/orders/create-order";
import { createEndpoint, createPartner, createUser } from "@/prisma/factories";

// A closed port: every attempt fails with "connection refused".
const DEAD_URL = "http://127.0.0.1:9/hook";

async function deadLetteredDeliveries(partnerId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const { deliveries } = await db.$transaction((tx) =>
      createOrder(tx, { partnerId }, { merchant_order_ref: `AD-${Date.now()}-${i}`, customer_id: "c", customer_name: "Meera", customer_phone: "+919812345678" }),
    );
    for (const d of deliveries) expect((await performDeliveryAttempt(d.id)).kind).toBe("dead_lettered");
  }
}

describe("endpoint health automation", () => {
  it(`disables an endpoint after ${AUTO_DISABLE.consecutiveDeadLetters} dead-letters in a row, tells the admins, and audits it`, async () => {
    const partner = await createPartner({ retrySchedule: [] });
    const admin = await createUser({ role: "partner_admin", partnerId: partner.id, password: "x" });
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: DEAD_URL });

    await deadLetteredDeliveries(partner.id, AUTO_DISABLE.consecutiveDeadLetters - 1);
    expect((await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    await deadLetteredDeliveries(partner.id, 1);

    const after = await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toMatch(/last 20 deliveries were all dead-lettered/);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { partnerId: partner.id } });
    expect(mail.to).toBe(admin.email);
    expect(mail.subject).toContain(DEAD_URL);
    expect(await db.auditLog.count({ where: { partnerId: partner.id, action: "endpoint.auto_disabled" } })).toBe(1);
  });

  it("disables an endpoint whose every attempt has failed for 24 hours", async () => {
    const partner = await createPartner({ retrySchedule: [] });
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: DEAD_URL });
    await deadLetteredDeliveries(partner.id, 10);
    expect((await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
    // Move that failing history 25 hours back in time, then one more failure.
    await db.$executeRaw`UPDATE "DeliveryAttempt" SET "startedAt" = "startedAt" - interval '25 hours' WHERE "deliveryId" IN (SELECT id FROM "Delivery" WHERE "endpointId" = ${endpoint.id})`;
    await deadLetteredDeliveries(partner.id, 1);
    const after = await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toMatch(/every attempt has failed for the last 24 hours/);
  });

  it("leaves an endpoint alone when a delivery succeeded in between", async () => {
    const partner = await createPartner({ retrySchedule: [] });
    const { endpoint } = await createEndpoint({ partnerId: partner.id, url: DEAD_URL });
    await deadLetteredDeliveries(partner.id, 15);
    const one = await db.delivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    await db.delivery.update({ where: { id: one.id }, data: { status: "delivered" } });
    await deadLetteredDeliveries(partner.id, 10);
    expect((await db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
  });
});
