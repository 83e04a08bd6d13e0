import { InngestTestEngine } from "@inngest/test";
import { afterAll, describe, expect, it } from "vitest";
import { sendSms, sweepDueSms } from "@/inngest/functions/send-sms";
import { db } from "@/lib/db/client";
import { createOrder } from "@/lib/orders/create-order";
import { createPartner } from "@/prisma/factories";

// The Inngest driver of SMS, driven step by step by @inngest/test against the real database.

const partnerIds: string[] = [];
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});

async function queuedSms() {
  const partner = await createPartner();
  partnerIds.push(partner.id);
  await db.partner.update({ where: { id: partner.id }, data: { smsEnabled: true } });
  const { body } = await db.$transaction((tx) =>
    createOrder(tx, { partnerId: partner.id }, { merchant_order_ref: `INN-${partner.id}`, customer_id: "c", customer_name: "Ishaan Das", customer_phone: "+919800001234" }),
  );
  return db.smsMessage.findFirstOrThrow({ where: { orderId: body.order_id } });
}

describe("send-sms (Inngest function)", () => {
  it("sends a queued message through the configured provider in one step", async () => {
    const sms = await queuedSms();
    const engine = new InngestTestEngine({ function: sendSms, events: [{ name: "waypoint/sms.requested", data: { smsMessageId: sms.id } }] });
    const { result, error } = await engine.execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ kind: "sent", attemptNumber: 1 });
    expect(await db.smsMessage.findUniqueOrThrow({ where: { id: sms.id } })).toMatchObject({ status: "sent", provider: "outbox" });

    const again = await new InngestTestEngine({ function: sendSms, events: [{ name: "waypoint/sms.requested", data: { smsMessageId: sms.id } }] }).execute();
    expect(again.result).toEqual({ kind: "skipped", reason: "already sent" });
    expect(await db.smsAttempt.count({ where: { smsMessageId: sms.id } })).toBe(1);
  });

  it("the sweep announces messages that are due and unclaimed, not recent or finished ones", async () => {
    const lost = await queuedSms();
    const recent = await queuedSms();
    await db.smsMessage.update({ where: { id: lost.id }, data: { nextAttemptAt: new Date(Date.now() - 60_000) } });
    const { result, error, ctx } = await new InngestTestEngine({ function: sweepDueSms }).execute({ steps: [{ id: "announce", handler: () => ({ ids: [] }) }] });
    expect(error).toBeUndefined();
    const sent = (ctx.step.sendEvent.mock.calls[0]?.[1] ?? []) as { data: { smsMessageId: string } }[];
    const ids = sent.map((e) => e.data.smsMessageId);
    expect(ids).toContain(lost.id);
    expect(ids).not.toContain(recent.id);
    expect(result).toEqual({ announced: ids.length });
  });
});
