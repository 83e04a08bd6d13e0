import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { samplePayload } from "@/lib/events/sample";
import { DEFAULT_SMS_TEMPLATES } from "@/lib/sms/defaults";
import { renderTemplate } from "@/lib/sms/render-template";
import { sampleValues } from "@/lib/sms/sample-values";
import { countSegments } from "@/lib/sms/segments";
import { NOT_SCHEDULED, valuesForEvent } from "@/lib/sms/values-for-event";

const context = { customerName: "Diya Iyer", merchantName: "Kettle & Crumb", trackingLink: "https://waypoint.example/t/AbCdEfGhIjKlMnOpQrStUvWx" };
// 08:30 UTC = 2:00 pm in India (the display zone).
const now = new Date("2026-05-01T08:30:00Z");

describe("renderTemplate", () => {
  it("fills placeholders, with inner spaces too, and leaves unknown ones as typed", () => {
    expect(renderTemplate("Hi {{customer_name}}, order {{ order_ref }} {{nope}}", { customer_name: "Diya", order_ref: "KC-1" })).toBe(
      "Hi Diya, order KC-1 {{nope}}",
    );
  });

  it("tidies the gap an empty value leaves, but keeps line breaks", () => {
    expect(renderTemplate("Rider {{rider_name}} , call\n{{rider_phone}}.", { rider_name: "", rider_phone: "+91 98xxx xx214" })).toBe(
      "Rider, call\n+91 98xxx xx214.",
    );
  });
});

describe("values of a real event", () => {
  it("out_for_delivery: rider, masked phone, OTP and the ETA window in Indian time", () => {
    const payload = samplePayload("out_for_delivery", { test: false, now, eventId: "evt_1" });
    const text = renderTemplate(DEFAULT_SMS_TEMPLATES.out_for_delivery, valuesForEvent(payload, context));
    expect(text).toBe(
      "ORD-4820193 is out for delivery with Rajesh Kumar (+91 98xxx xx214), arriving Fri, 1 May, 2:30 pm - 3:30 pm. " +
        "Your OTP is 8821; share it only at handover. https://waypoint.example/t/AbCdEfGhIjKlMnOpQrStUvWx",
    );
    expect(text).not.toContain("9876543214");
  });

  it("delivery_failed: the reason in words and the reschedule slot, or 'to be confirmed'", () => {
    const payload = samplePayload("delivery_failed", { test: false, now, eventId: "evt_2" });
    const values = valuesForEvent(payload, context);
    expect(values.failure_reason).toBe("Customer was not available");
    expect(values.reschedule_slot).toBe("Sat, 2 May, 2:00 pm");
    const unscheduled = { ...payload, failure: { ...payload.failure, rescheduled_for: null } };
    expect(valuesForEvent(unscheduled, context).reschedule_slot).toBe(NOT_SCHEDULED);
  });

  it("return_initiated: pickup ETA; values of other events stay empty", () => {
    const values = valuesForEvent(samplePayload("return_initiated", { test: false, now, eventId: "evt_3" }), context);
    expect(values.pickup_eta).toBe("Sat, 2 May, 4:00 pm");
    expect([values.otp, values.rider_name, values.eta_window, values.failure_reason]).toEqual(["", "", "", ""]);
  });

  it.each(EVENT_TYPES)("the default %s template renders with no braces left, GSM-7, in at most 2 SMS", (event) => {
    const text = renderTemplate(DEFAULT_SMS_TEMPLATES[event], sampleValues(event, { ...context, now }));
    expect(text).not.toMatch(/\{\{|\}\}/);
    const count = countSegments(text);
    expect(count.encoding).toBe("GSM-7");
    expect(count.segments).toBeLessThanOrEqual(2);
  });
});
