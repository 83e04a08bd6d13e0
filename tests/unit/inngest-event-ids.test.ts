import { describe, expect, it } from "vitest";
import { deliveryRequestedEvent, deliveryRetryRequestedEvents, RETRY_BATCH, smsRequestedEvent } from "@/inngest/events";

// Inngest starts no second run for an event id it saw in the last 24 h: a repeated send of the
// same announcement must carry the same id, and a new occurrence a new one.

describe("Inngest event ids", () => {
  it("a delivery's announcement has the same id every time, and a sweep's re-announcement another", () => {
    const d = { id: "dlv_1", endpointId: "ep_1" };
    expect(deliveryRequestedEvent(d).id).toBe("waypoint-delivery-dlv_1");
    expect(deliveryRequestedEvent(d).id).toBe(deliveryRequestedEvent({ ...d }).id);
    expect(deliveryRequestedEvent(d, "sweep-29000000").id).toBe("waypoint-delivery-dlv_1-sweep-29000000");
    expect(deliveryRequestedEvent(d, "sweep-29000001").id).not.toBe(deliveryRequestedEvent(d, "sweep-29000000").id);
    expect(deliveryRequestedEvent({ id: "dlv_2", endpointId: "ep_1" }).id).not.toBe(deliveryRequestedEvent(d).id);
    expect(smsRequestedEvent("sms_1").id).toBe("waypoint-sms-sms_1");
    expect(smsRequestedEvent("sms_1", "sweep-1").id).not.toBe(smsRequestedEvent("sms_1").id);
  });

  it("a person's retry asked twice before it ran is one retry; after it ran (attempt count moved), another", () => {
    const rows = [{ id: "dlv_1", attemptCount: "3" }, { id: "dlv_2", attemptCount: "1" }];
    const [first] = deliveryRetryRequestedEvents(rows, "usr_1");
    const [again] = deliveryRetryRequestedEvents(rows.map((r) => ({ ...r })), "usr_1");
    expect(first!.id).toMatch(/^waypoint-retry-[0-9a-f]{32}$/);
    expect(again!.id).toBe(first!.id);
    const [afterItRan] = deliveryRetryRequestedEvents([{ id: "dlv_1", attemptCount: "4" }, rows[1]!], "usr_1");
    expect(afterItRan!.id).not.toBe(first!.id);
    const [byAnother] = deliveryRetryRequestedEvents(rows, "usr_2");
    expect(byAnother!.id).not.toBe(first!.id);
    expect(first!.data).toEqual({ deliveryIds: ["dlv_1", "dlv_2"], triggeredById: "usr_1" });
  });

  it("splits a large retry into events of RETRY_BATCH deliveries, each with its own id", () => {
    const rows = Array.from({ length: RETRY_BATCH * 2 + 1 }, (_, i) => ({ id: `dlv_${i}`, attemptCount: "1" }));
    const events = deliveryRetryRequestedEvents(rows, null);
    expect(events.map((e) => e.data.deliveryIds.length)).toEqual([RETRY_BATCH, RETRY_BATCH, 1]);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(events.flatMap((e) => e.data.deliveryIds)).toEqual(rows.map((r) => r.id));
  });
});
