import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { performDeliveryAttempt } from "@/lib/delivery/perform-attempt";
import { createEndpoint as createEndpointFor } from "@/lib/endpoints/create-endpoint";
import { updateEndpoint } from "@/lib/endpoints/update-endpoint";
import { createOrder } from "@/lib/orders/create-order";
import { startReceiver } from "@/lib/receiver/server";
import { sendDueSunsetNotices } from "@/lib/sunset/v1";
import { createEndpoint, createPartner, createUser } from "@/prisma/factories";

// v1's end of support (V1_SUNSET_DATE, default 2027-11-30), with the clock fixed where it matters.
const created: string[] = [];
const actor = { id: null, email: "tester@waypoint.test" };
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await db.partner.deleteMany({ where: { id: { in: created } } });
});

async function partner(name: string) {
  const p = await createPartner({ name });
  created.push(p.id);
  return p;
}

describe("v1 sunset", () => {
  it("every v1 delivery carries Deprecation and Sunset headers; v2 deliveries do not", async () => {
    const receiver = await startReceiver();
    try {
      const p = await partner("Sunset Headers Co");
      await createEndpoint({ partnerId: p.id, url: `${receiver.url}/v1`, schemaVersion: "v1", eventTypes: ["order_confirmed"] });
      await createEndpoint({ partnerId: p.id, url: `${receiver.url}/v2`, schemaVersion: "v2", eventTypes: ["order_confirmed"] });
      const { deliveries } = await db.$transaction((tx) => createOrder(tx, { partnerId: p.id }, { merchant_order_ref: "SUN-1", customer_id: "c", customer_name: "Sun", customer_phone: "+919812345678" }));
      for (const d of deliveries) expect((await performDeliveryAttempt(d.id)).kind).toBe("delivered");
      const v1 = receiver.received.find((r) => r.path === "/v1")!;
      const v2 = receiver.received.find((r) => r.path === "/v2")!;
      expect(v1.headers.deprecation).toBe(`@${Date.parse("2026-11-30T00:00:00Z") / 1000}`);
      expect(v1.headers.sunset).toBe("Tue, 30 Nov 2027 00:00:00 GMT");
      expect(JSON.parse(v1.body)).toHaveProperty("timestamp"); // the v1 shape
      expect(v2.headers.deprecation).toBeUndefined();
      expect(v2.headers.sunset).toBeUndefined();
    } finally {
      await receiver.close();
    }
  });

  it("before the date v1 can be chosen; from it on, only an endpoint already on v1 keeps it", async () => {
    const p = await partner("Sunset Choice Co");
    const fields = { url: "http://127.0.0.1:9/sunset-a", description: "", eventTypes: ["delivered" as const], format: "json" as const, schemaVersion: "v1" as const, rateLimitPerSecond: null };
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2027-11-29T23:00:00Z") });
    const before = await createEndpointFor(p.id, fields, actor);
    expect(before.endpoint.schemaVersion).toBe("v1");

    vi.setSystemTime(new Date("2027-11-30T00:00:01Z"));
    await expect(createEndpointFor(p.id, { ...fields, url: "http://127.0.0.1:9/sunset-b" }, actor)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/^schemaVersion: payload v1 reached its end of support on 30 Nov 2027/) });
    const v2 = await createEndpointFor(p.id, { ...fields, url: "http://127.0.0.1:9/sunset-c", schemaVersion: "v2" }, actor);
    await expect(updateEndpoint(p.id, v2.endpoint.id, { schemaVersion: "v1" }, actor)).rejects.toMatchObject({ code: "validation_failed" });
    // The endpoint already on v1 keeps it (edits that leave it on v1 are fine) and can move to v2.
    await expect(updateEndpoint(p.id, before.endpoint.id, { schemaVersion: "v1", description: "still v1" }, actor)).resolves.toMatchObject({ schemaVersion: "v1" });
    await expect(updateEndpoint(p.id, before.endpoint.id, { schemaVersion: "v2" }, actor)).resolves.toMatchObject({ schemaVersion: "v2" });
  });

  it("partners with v1 endpoints get the 90, 30 and 7-day notices once each", async () => {
    const p = await partner("Sunset Notice Co");
    const admin = await createUser({ role: "partner_admin", partnerId: p.id, password: "x" });
    await createEndpoint({ partnerId: p.id, url: "https://hooks.notice.example.com/v1", schemaVersion: "v1" });
    const notices = () => db.emailMessage.findMany({ where: { partnerId: p.id, template: "v1_sunset" }, orderBy: { createdAt: "asc" } });

    await sendDueSunsetNotices(new Date("2027-08-30T12:00:00Z")); // 92 days: nothing yet
    expect(await notices()).toHaveLength(0);
    await sendDueSunsetNotices(new Date("2027-09-01T09:00:00Z"));
    await sendDueSunsetNotices(new Date("2027-09-02T09:00:00Z")); // again the next day: nothing new
    expect((await notices()).map((m) => m.subject)).toEqual(["Sunset Notice Co: webhook payload v1 ends on 30 November 2027 (90 days)"]);
    await sendDueSunsetNotices(new Date("2027-10-31T09:00:00Z"));
    await sendDueSunsetNotices(new Date("2027-11-23T09:00:00Z"));
    await sendDueSunsetNotices(new Date("2027-11-29T09:00:00Z"));
    const all = await notices();
    expect(all.map((m) => m.subject.match(/\((\d+) days\)/)?.[1])).toEqual(["90", "30", "7"]);
    expect(all.every((m) => m.to === admin.email && m.body.includes("https://hooks.notice.example.com/v1"))).toBe(true);
    expect(await db.sunsetNotice.count({ where: { partnerId: p.id } })).toBe(3);
  });
});
