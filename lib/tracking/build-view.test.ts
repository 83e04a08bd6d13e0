import { describe, expect, it } from "vitest";
import { buildPayloadV2, type EventDetails } from "@/lib/events/payload-v2";
import { buildTrackingView } from "@/lib/tracking/build-view";

const order = { id: "ord_1", merchantOrderRef: "KC-10001", customerId: "c1" };
const rider = { name: "Rajesh Kumar", phone: "+919876543214" };
const at = (h: number) => new Date(Date.UTC(2026, 4, 1, 6 + h)).toISOString();
const event = (details: EventDetails, h: number) => ({
  payload: buildPayloadV2({ eventId: `evt_${h}`, occurredAt: at(h), order, rider, details, sequence: h + 1 }),
});
const ofd: EventDetails = { event: "out_for_delivery", rider, otp: "4821", eta_window: { from: at(1), to: at(2) } };
const view = (status: Parameters<typeof buildTrackingView>[0]["status"], events: { payload: unknown }[]) =>
  buildTrackingView({ merchantName: "Kettle & Crumb", merchantLogoUrl: null, merchantOrderRef: "KC-10001", status, updatedAt: new Date(at(5)), events });

describe("buildTrackingView", () => {
  it("while out for delivery: rider, masked phone, OTP and ETA window", () => {
    const v = view("out_for_delivery", [event({ event: "order_confirmed" }, 0), event(ofd, 1)]);
    expect(v.out_for_delivery).toEqual({ rider_name: "Rajesh Kumar", rider_phone_masked: "+91 98xxx xx214", otp: "4821", eta_from: at(1), eta_to: at(2) });
    expect(v.timeline.map((s) => s.label)).toEqual(["Order confirmed", "Out for delivery"]);
    expect(JSON.stringify(v)).not.toContain("9876543214");
  });

  it("once delivered: the delivered time, and the OTP is gone from the page", () => {
    const v = view("delivered", [event({ event: "order_confirmed" }, 0), event(ofd, 1), event({ event: "delivered", confirmation_method: "otp" }, 2)]);
    expect(v.out_for_delivery).toBeNull();
    expect(v.delivered_at).toBe(at(2));
    expect(JSON.stringify(v)).not.toContain("4821");
  });

  it("after a failed attempt: the reason in words and the reschedule slot", () => {
    const failed: EventDetails = { event: "delivery_failed", reason_code: "address_not_found", rescheduled_for: at(24) };
    const v = view("delivery_failed", [event({ event: "order_confirmed" }, 0), event(ofd, 1), event(failed, 2)]);
    expect(v.failure).toEqual({ reason: "Address could not be found", rescheduled_for: at(24) });
    expect(v.timeline.at(-1)?.note).toMatch(/^Address could not be found\. Next attempt /);
  });

  it("a return: the pickup ETA, and the delivered time stays", () => {
    const ret: EventDetails = { event: "return_initiated", reason_code: "size", condition: "unopened", pickup_eta: at(30) };
    const v = view("return_initiated", [event({ event: "order_confirmed" }, 0), event(ofd, 1), event({ event: "delivered", confirmation_method: "otp" }, 2), event(ret, 3)]);
    expect(v.return_pickup_eta).toBe(at(30));
    expect(v.delivered_at).toBe(at(2));
    expect(v.status_label).toBe("Return initiated");
  });
});
