import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { getSmsSettings } from "@/lib/sms/get-sms-settings";
import { saveSmsTemplate } from "@/lib/sms/save-sms-template";
import { updateLayer1Settings } from "@/lib/tracking/update-settings";
import { createPartner } from "@/prisma/factories";

const actor = { id: null, email: "owner@example.test" };
const partnerIds: string[] = [];
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: partnerIds } } });
});
const partner = async () => {
  const p = await createPartner();
  partnerIds.push(p.id);
  return p.id;
};

describe("SMS templates and the Layer 1 switches", () => {
  it("a partner without saved templates gets the defaults for all five events", async () => {
    const settings = await getSmsSettings(await partner());
    expect(settings.templates.map((t) => [t.eventType, t.body, t.enabled, t.isDefault])).toEqual(
      Object.entries(DEFAULT_SMS_TEMPLATES).map(([e, body]) => [e, body, true, true]),
    );
    expect(settings).toMatchObject({ trackingEnabled: false, smsEnabled: false });
  });

  it("refuses a template with an unknown placeholder or open braces, naming the problem; nothing is saved", async () => {
    const partnerId = await partner();
    await expect(saveSmsTemplate(actor, partnerId, { eventType: "delivered", body: "Thanks {{frist_name}}!", enabled: true })).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining("{{frist_name}} is not a placeholder"),
    });
    await expect(saveSmsTemplate(actor, partnerId, { eventType: "delivered", body: "Thanks {{customer_name", enabled: true })).rejects.toMatchObject({
      message: "A placeholder is not closed. Write it as {{name}}.",
    });
    await expect(saveSmsTemplate(actor, partnerId, { eventType: "delivered", body: "   ", enabled: true })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db.smsTemplate.count({ where: { partnerId } })).toBe(0);
  });

  it("saves (trimmed), replaces on a second save, and records both in the audit log", async () => {
    const partnerId = await partner();
    await saveSmsTemplate(actor, partnerId, { eventType: "delivered", body: " Delivered, {{customer_name}}! ", enabled: true });
    await saveSmsTemplate(actor, partnerId, { eventType: "delivered", body: "Delivered: {{order_ref}}", enabled: false });
    const delivered = (await getSmsSettings(partnerId)).templates.find((t) => t.eventType === "delivered");
    expect(delivered).toMatchObject({ body: "Delivered: {{order_ref}}", enabled: false, isDefault: false });
    expect(await db.auditLog.count({ where: { partnerId, action: "sms_template.saved" } })).toBe(2);
  });

  it("switches tracking and SMS on and off, one at a time, audited", async () => {
    const partnerId = await partner();
    expect(await updateLayer1Settings(actor, partnerId, { smsEnabled: true })).toEqual({ trackingEnabled: false, smsEnabled: true });
    expect(await updateLayer1Settings(actor, partnerId, { trackingEnabled: true })).toEqual({ trackingEnabled: true, smsEnabled: true });
    const audit = await db.auditLog.findMany({ where: { partnerId, action: "tracking_settings.updated" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.metadata)).toEqual([{ smsEnabled: true }, { trackingEnabled: true }]);
  });
});
